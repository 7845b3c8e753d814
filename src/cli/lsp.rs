//! `augur lsp`: the Language Server Protocol over standard input and output, one message
//! at a time, over `augur::ide`. Each open document's folder is one workspace (its
//! `.augur` files read from disk, as `augur check FOLDER` reads them, the open texts
//! taking their place); a document that is not a file is a workspace of its own.
//!
//! Bad input never stops the server: a message that is not JSON-RPC gets a parse error
//! (id null), a request before `initialize` or after `shutdown` an error of its own, an
//! unknown method "method not found", bad parameters "invalid params"; a question that
//! panicked gets an internal error and the texts stay as they were.

mod convert;
mod frame;
mod queries;

use std::collections::BTreeMap;
use std::io::{BufRead, Write};
use std::path::{Path, PathBuf};
use std::str::FromStr;

use augur::ide::Workspace;
use augur::ide::lines::{self, Columns};
use augur::program::SourceOptions;
use lsp_server::{ErrorCode, Message, Notification, Request, Response, ResponseError};
use lsp_types as lsp;
use serde_json::Value;

use super::Outcome;
use super::args::Format;
use convert::Text;

/// `augur lsp`'s arguments.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// A directory holding documents' text files (repeatable); the rule file's own
    /// directory is searched first. Every quote of a document found is verified.
    #[arg(long = "sources", value_name = "DIR")]
    pub sources: Vec<PathBuf>,
    /// The largest message read, in bytes; a larger one is read past and answered with an
    /// error. The default holds a rule file of `--max-file-size`'s default twice over (as
    /// JSON escapes it).
    #[arg(long, value_name = "BYTES", default_value_t = DEFAULT_MAX_MESSAGE_BYTES)]
    pub max_message_size: u64,
}

/// The default of `--max-message-size`: 512 MiB.
pub const DEFAULT_MAX_MESSAGE_BYTES: u64 = 512 * 1024 * 1024;

/// Serves the protocol on standard input and output until `exit` or the end of input.
pub fn command(args: &Args, _format: Format) -> Outcome {
    let quotes = SourceOptions {
        dirs: args.sources.clone(),
        ..SourceOptions::default()
    };
    let mut server = Server::new(quotes, args.max_message_size);
    let code = server.serve(&mut std::io::stdin().lock(), &mut std::io::stdout().lock());
    let stderr = match code {
        super::OK => String::new(),
        _ => "error: the client ended the session without `shutdown` and `exit`\n".to_owned(),
    };
    Outcome {
        stdout: String::new(),
        stderr,
        code,
    }
}

/// Where the session is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum State {
    /// Waiting for `initialize`.
    Starting,
    /// Answering.
    Running,
    /// After `shutdown`: waiting for `exit`.
    ShutDown,
}

/// An open document: its workspace (a folder, or none) and its name there.
#[derive(Clone, Debug)]
struct Doc {
    folder: PathBuf,
    name: String,
}

/// The server's state: the workspaces, the open documents, what was last published.
pub struct Server {
    max_message: u64,
    state: State,
    columns: Columns,
    quotes: SourceOptions,
    folders: BTreeMap<PathBuf, Workspace>,
    docs: BTreeMap<String, Doc>,
    published: BTreeMap<String, Vec<lsp::Diagnostic>>,
    exit: bool,
}

fn error(code: ErrorCode, message: impl Into<String>) -> ResponseError {
    ResponseError {
        code: code as i32,
        message: message.into(),
        data: None,
    }
}

fn params<P: serde::de::DeserializeOwned>(value: Value) -> Result<P, ResponseError> {
    serde_json::from_value(value)
        .map_err(|e| error(ErrorCode::InvalidParams, format!("invalid parameters: {e}")))
}

fn to_value(value: impl serde::Serialize) -> Result<Value, ResponseError> {
    serde_json::to_value(value).map_err(|e| error(ErrorCode::InternalError, e.to_string()))
}

impl Server {
    fn new(quotes: SourceOptions, max_message: u64) -> Self {
        Server {
            max_message,
            state: State::Starting,
            columns: Columns::Utf16,
            quotes,
            folders: BTreeMap::new(),
            docs: BTreeMap::new(),
            published: BTreeMap::new(),
            exit: false,
        }
    }

    /// Reads messages and answers them until `exit` (0 after `shutdown`, else 1) or the
    /// end of input (1).
    fn serve(&mut self, input: &mut impl BufRead, output: &mut impl Write) -> u8 {
        loop {
            let replies = match frame::read(input, self.max_message) {
                Ok(frame::Frame::Message(message)) => self.handle_guarded(message),
                Ok(frame::Frame::End) | Err(_) => return super::FAILED,
                Ok(frame::Frame::Bad(code, why)) => {
                    // JSON-RPC answers a message it cannot read with a null id, which
                    // `lsp_server::Response` cannot carry: written here.
                    let reply = serde_json::json!({
                        "jsonrpc": "2.0",
                        "id": null,
                        "error": {"code": code as i32, "message": why},
                    });
                    let text = reply.to_string();
                    let framed = format!("Content-Length: {}\r\n\r\n{text}", text.len());
                    if output
                        .write_all(framed.as_bytes())
                        .and_then(|()| output.flush())
                        .is_err()
                    {
                        return super::FAILED;
                    }
                    continue;
                }
            };
            for reply in replies {
                if reply.write(output).is_err() {
                    return super::FAILED;
                }
            }
            if self.exit {
                return if self.state == State::ShutDown {
                    super::OK
                } else {
                    super::FAILED
                };
            }
        }
    }

    /// Handles a message; a panic in a question becomes an internal error for a request
    /// and is dropped for a notification.
    fn handle_guarded(&mut self, message: Message) -> Vec<Message> {
        let id = match &message {
            Message::Request(r) => Some(r.id.clone()),
            _ => None,
        };
        let handled =
            std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| self.handle(message)));
        match (handled, id) {
            (Ok(replies), _) => replies,
            (Err(_), Some(id)) => vec![Message::Response(Response {
                id,
                response_result: Err(error(
                    ErrorCode::InternalError,
                    "the question could not be answered",
                )),
            })],
            (Err(_), None) => Vec::new(),
        }
    }

    fn handle(&mut self, message: Message) -> Vec<Message> {
        match message {
            Message::Request(request) => vec![Message::Response(self.request(request))],
            Message::Notification(n) => self.notification(n),
            // The server sends no requests, so a response answers nothing.
            Message::Response(_) => Vec::new(),
        }
    }

    fn request(&mut self, request: Request) -> Response {
        let Request { id, method, params } = request;
        let result = match (self.state, method.as_str()) {
            (State::Starting, "initialize") => self.initialize(params),
            (State::Starting, _) => Err(error(
                ErrorCode::ServerNotInitialized,
                format!("`{method}` before `initialize`"),
            )),
            (State::Running, "initialize") => Err(error(
                ErrorCode::InvalidRequest,
                "`initialize` was already received",
            )),
            (State::ShutDown, _) => Err(error(
                ErrorCode::InvalidRequest,
                format!("`{method}` after `shutdown`: only `exit` is expected"),
            )),
            (State::Running, "shutdown") => {
                self.state = State::ShutDown;
                Ok(Value::Null)
            }
            (State::Running, _) => self.query(&method, params),
        };
        Response {
            id,
            response_result: result,
        }
    }

    fn initialize(&mut self, value: Value) -> Result<Value, ResponseError> {
        let init: lsp::InitializeParams = params(value)?;
        let utf8 = init
            .capabilities
            .general
            .and_then(|g| g.position_encodings)
            .is_some_and(|e| e.contains(&lsp::PositionEncodingKind::UTF8));
        self.columns = if utf8 { Columns::Utf8 } else { Columns::Utf16 };
        self.state = State::Running;
        let capabilities = lsp::ServerCapabilities {
            position_encoding: Some(if utf8 {
                lsp::PositionEncodingKind::UTF8
            } else {
                lsp::PositionEncodingKind::UTF16
            }),
            text_document_sync: Some(lsp::TextDocumentSyncCapability::Kind(
                lsp::TextDocumentSyncKind::INCREMENTAL,
            )),
            hover_provider: Some(lsp::HoverProviderCapability::Simple(true)),
            definition_provider: Some(lsp::OneOf::Left(true)),
            references_provider: Some(lsp::OneOf::Left(true)),
            document_symbol_provider: Some(lsp::OneOf::Left(true)),
            completion_provider: Some(lsp::CompletionOptions::default()),
            rename_provider: Some(lsp::OneOf::Left(true)),
            document_formatting_provider: Some(lsp::OneOf::Left(true)),
            code_action_provider: Some(lsp::CodeActionProviderCapability::Simple(true)),
            ..lsp::ServerCapabilities::default()
        };
        to_value(lsp::InitializeResult {
            capabilities,
            server_info: Some(lsp::ServerInfo {
                name: "augur".to_owned(),
                version: Some(env!("CARGO_PKG_VERSION").to_owned()),
            }),
        })
    }

    fn notification(&mut self, n: Notification) -> Vec<Message> {
        if n.method == "exit" {
            self.exit = true;
            return Vec::new();
        }
        // Before `initialize` and after `shutdown` every other notification is dropped.
        if self.state != State::Running {
            return Vec::new();
        }
        let folder = match n.method.as_str() {
            "textDocument/didOpen" => params(n.params).ok().map(|p| self.open(p)),
            "textDocument/didChange" => params(n.params).ok().and_then(|p| self.change(p)),
            "textDocument/didClose" => {
                return params(n.params).map_or_else(|_| Vec::new(), |p| self.close(p));
            }
            _ => None,
        };
        folder.map_or_else(Vec::new, |f| self.publish(&f))
    }

    /// The workspace of a URI and the document's name in it.
    fn locate(&self, uri: &lsp::Uri) -> Doc {
        match convert::path_of(uri) {
            Some(path) => Doc {
                folder: path.parent().map(Path::to_path_buf).unwrap_or_default(),
                name: path.to_string_lossy().into_owned(),
            },
            None => Doc {
                folder: PathBuf::new(),
                name: uri.as_str().to_owned(),
            },
        }
    }

    fn open(&mut self, p: lsp::DidOpenTextDocumentParams) -> PathBuf {
        let doc = self.locate(&p.text_document.uri);
        let quotes = self.quotes.clone();
        let ws = self.folders.entry(doc.folder.clone()).or_insert_with(|| {
            let mut ws = Workspace::default();
            if !doc.folder.as_os_str().is_empty() {
                ws.verify_quotes(quotes);
                read_folder(&doc.folder, &mut ws);
            }
            ws
        });
        ws.set_text(&doc.name, &p.text_document.text);
        let folder = doc.folder.clone();
        self.docs
            .insert(p.text_document.uri.as_str().to_owned(), doc);
        folder
    }

    fn change(&mut self, p: lsp::DidChangeTextDocumentParams) -> Option<PathBuf> {
        let doc = self.docs.get(p.text_document.uri.as_str())?.clone();
        let ws = self.folders.get_mut(&doc.folder)?;
        let mut text = ws.text(&doc.name)?.to_owned();
        for change in p.content_changes {
            let range = change
                .range
                .map(|r| (convert::position(r.start), convert::position(r.end)));
            lines::apply_change(&mut text, range, &change.text, self.columns);
        }
        ws.set_text(&doc.name, &text).then_some(doc.folder)
    }

    /// A closed document goes back to its text on disk, or leaves the workspace (its
    /// diagnostics cleared).
    fn close(&mut self, p: lsp::DidCloseTextDocumentParams) -> Vec<Message> {
        let uri = p.text_document.uri;
        let Some(doc) = self.docs.remove(uri.as_str()) else {
            return Vec::new();
        };
        let Some(ws) = self.folders.get_mut(&doc.folder) else {
            return Vec::new();
        };
        let on_disk = Some(&doc.folder)
            .filter(|f| !f.as_os_str().is_empty())
            .and_then(|_| read_rule_file(Path::new(&doc.name)));
        let mut out = Vec::new();
        match on_disk {
            Some(text) => {
                ws.set_text(&doc.name, &text);
            }
            None => {
                ws.remove(&doc.name);
                self.published.remove(uri.as_str());
                let params = lsp::PublishDiagnosticsParams::new(uri, Vec::new(), None);
                out.push(Message::Notification(Notification::new(
                    "textDocument/publishDiagnostics".to_owned(),
                    params,
                )));
            }
        }
        out.extend(self.publish(&doc.folder));
        out
    }

    /// The URI of a file of a workspace.
    fn uri(folder: &Path, name: &str) -> Option<lsp::Uri> {
        if folder.as_os_str().is_empty() {
            lsp::Uri::from_str(name).ok()
        } else {
            convert::uri_of(Path::new(name))
        }
    }

    /// Publishes the diagnostics of every file of a workspace that changed since last
    /// published.
    fn publish(&mut self, folder: &Path) -> Vec<Message> {
        let Some(ws) = self.folders.get(folder) else {
            return Vec::new();
        };
        let columns = self.columns;
        let locate = |place: &augur::ide::Place| {
            let text = Text::new(ws.text(&place.file)?, columns);
            Some(lsp::Location::new(
                Self::uri(folder, &place.file)?,
                text.range(&place.range),
            ))
        };
        let mut out = Vec::new();
        for name in ws.files() {
            let (Some(uri), Some(text)) = (Self::uri(folder, name), ws.text(name)) else {
                continue;
            };
            let text = Text::new(text, columns);
            let found: Vec<lsp::Diagnostic> = ws
                .diagnostics(name)
                .iter()
                .map(|d| convert::diagnostic(d, &text, &locate))
                .collect();
            if self.published.get(uri.as_str()) == Some(&found) {
                continue;
            }
            self.published
                .insert(uri.as_str().to_owned(), found.clone());
            let params = lsp::PublishDiagnosticsParams::new(uri, found, None);
            out.push(Message::Notification(Notification::new(
                "textDocument/publishDiagnostics".to_owned(),
                params,
            )));
        }
        out
    }
}

/// Reads a rule file within `augur check`'s default size limit; none when it cannot be
/// read, is too large or is not UTF-8.
fn read_rule_file(path: &Path) -> Option<String> {
    let meta = std::fs::metadata(path).ok()?;
    if !meta.is_file() || meta.len() > augur::DEFAULT_MAX_FILE_BYTES {
        return None;
    }
    std::fs::read_to_string(path).ok()
}

/// Adds a folder's `.augur` files, in name order, as `augur check FOLDER` reads them.
fn read_folder(folder: &Path, ws: &mut Workspace) {
    let Ok(entries) = std::fs::read_dir(folder) else {
        return;
    };
    let mut paths: Vec<PathBuf> = entries
        .filter_map(|e| Some(e.ok()?.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "augur"))
        .collect();
    paths.sort();
    for path in paths {
        if let (Some(text), Some(name)) = (read_rule_file(&path), path.to_str()) {
            ws.set_text(name, &text);
        }
    }
}
