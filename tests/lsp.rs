//! `augur lsp` driven by a real client over stdio: the built binary is spawned, each
//! message framed with Content-Length, and the replies read back in order.

// The client's helpers fail the test that calls them, as an assertion would.
#![allow(clippy::unwrap_used)]

use std::io::{BufRead, BufReader, Read, Write};
use std::process::{Child, ChildStdin, ChildStdout, Command, Stdio};

use serde_json::{Value, json};

struct Client {
    child: Child,
    stdin: ChildStdin,
    stdout: BufReader<ChildStdout>,
    next_id: i64,
}

impl Client {
    fn start() -> Self {
        Self::start_with(&[])
    }

    fn start_with(args: &[&str]) -> Self {
        let mut child = Command::new(env!("CARGO_BIN_EXE_augur"))
            .arg("lsp")
            .args(args)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let stdin = child.stdin.take().unwrap();
        let stdout = BufReader::new(child.stdout.take().unwrap());
        Client {
            child,
            stdin,
            stdout,
            next_id: 0,
        }
    }

    fn send_raw(&mut self, body: &str) {
        write!(self.stdin, "Content-Length: {}\r\n\r\n{body}", body.len()).unwrap();
        self.stdin.flush().unwrap();
    }

    fn send(&mut self, message: Value) {
        self.send_raw(&message.to_string());
    }

    fn read(&mut self) -> Value {
        let mut length = None;
        loop {
            let mut line = String::new();
            assert!(
                self.stdout.read_line(&mut line).unwrap() > 0,
                "the server closed stdout"
            );
            let line = line.trim_end();
            if line.is_empty() {
                break;
            }
            if let Some(n) = line.strip_prefix("Content-Length: ") {
                length = Some(n.parse::<usize>().unwrap());
            }
        }
        let mut body = vec![0; length.unwrap()];
        self.stdout.read_exact(&mut body).unwrap();
        serde_json::from_slice(&body).unwrap()
    }

    fn notify(&mut self, method: &str, params: Value) {
        self.send(json!({"jsonrpc": "2.0", "method": method, "params": params}));
    }

    /// Sends a request and returns its response, keeping the notifications read before it.
    fn request(&mut self, method: &str, params: Value) -> (Value, Vec<Value>) {
        self.next_id += 1;
        let id = self.next_id;
        self.send(json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params}));
        let mut notes = Vec::new();
        loop {
            let message = self.read();
            if message["id"] == json!(id) {
                return (message, notes);
            }
            notes.push(message);
        }
    }

    fn initialize(&mut self) -> Value {
        let (reply, _) = self.request(
            "initialize",
            json!({"processId": null, "rootUri": null, "capabilities": {}}),
        );
        self.notify("initialized", json!({}));
        reply
    }

    /// The next `publishDiagnostics` for `uri`.
    fn diagnostics_for(&mut self, uri: &str) -> Vec<Value> {
        loop {
            let m = self.read();
            if m["method"] == "textDocument/publishDiagnostics" && m["params"]["uri"] == uri {
                return m["params"]["diagnostics"].as_array().unwrap().clone();
            }
        }
    }

    fn finish(mut self) -> i32 {
        let (reply, _) = self.request("shutdown", Value::Null);
        assert_eq!(reply["result"], Value::Null, "{reply}");
        self.notify("exit", Value::Null);
        self.child.wait().unwrap().code().unwrap()
    }
}

const LATAM: &str = r#"document seed "Shifting Dynamics"
assumable us disengages_from latin_america
rule rivals_fill_gap {
  when us disengages_from latin_america
  then china gains_influence_in latin_america
  likely
  cite seed "competitors fill in the gaps"
}
scenario retreat { assume us disengages_from latin_america }
scenario stay { }
"#;

fn position(text: &str, needle: &str) -> Value {
    let at = text.find(needle).unwrap() + 1;
    let line = text[..at].matches('\n').count();
    let column = at - text[..at].rfind('\n').map_or(0, |n| n + 1);
    json!({"line": line, "character": column})
}

fn folder() -> (tempfile_dir::Dir, String) {
    let dir = tempfile_dir::Dir::new();
    let path = dir.path.join("latam.augur");
    std::fs::write(&path, LATAM).unwrap();
    (dir, format!("file://{}", path.display()))
}

/// A folder of its own under the target directory, removed when dropped.
mod tempfile_dir {
    use std::path::PathBuf;
    use std::sync::atomic::{AtomicUsize, Ordering};

    pub struct Dir {
        pub path: PathBuf,
    }

    impl Dir {
        pub fn new() -> Self {
            static NEXT: AtomicUsize = AtomicUsize::new(0);
            let n = NEXT.fetch_add(1, Ordering::Relaxed);
            let path = std::env::temp_dir().join(format!("augur-lsp-{}-{n}", std::process::id()));
            let _ = std::fs::remove_dir_all(&path);
            std::fs::create_dir_all(&path).unwrap();
            Dir { path }
        }
    }

    impl Drop for Dir {
        fn drop(&mut self) {
            let _ = std::fs::remove_dir_all(&self.path);
        }
    }
}

#[test]
fn a_session_open_change_hover_definition_completion_and_shutdown() {
    let (_dir, uri) = folder();
    let mut client = Client::start();
    let init = client.initialize();
    assert_eq!(init["result"]["serverInfo"]["name"], "augur");
    assert_eq!(init["result"]["capabilities"]["positionEncoding"], "utf-16");
    let doc = json!({"uri": uri, "languageId": "augur", "version": 1, "text": LATAM});
    client.notify("textDocument/didOpen", json!({"textDocument": doc}));
    assert_eq!(client.diagnostics_for(&uri), Vec::<Value>::new());

    // A typo: the same code, message and help as `augur check`, and a fix.
    let typo = LATAM.replace("assume us disengages", "assume us disengage");
    let change =
        json!({"textDocument": {"uri": uri, "version": 2}, "contentChanges": [{"text": typo}]});
    client.notify("textDocument/didChange", change);
    let found = client.diagnostics_for(&uri);
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0]["code"], "augur::check::not_assumable");
    assert_eq!(found[0]["severity"], 2);
    assert_eq!(found[0]["source"], "augur");
    let message = found[0]["message"].as_str().unwrap();
    assert!(message.contains("help: did you mean"), "{message}");
    let range = found[0]["range"].clone();
    let (actions, _) = client.request(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": uri}, "range": range, "context": {"diagnostics": []}}),
    );
    let action = &actions["result"][0];
    assert_eq!(action["kind"], "quickfix");
    let edit = &action["edit"]["documentChanges"][0]["edits"][0];
    assert_eq!(edit["newText"], "us disengages_from latin_america");

    // An incremental change puts it back: the diagnostic is cleared.
    let start = position(&typo, "disengage_from");
    let end = json!({"line": start["line"], "character": start["character"].as_u64().unwrap() - 1 + "disengage".len() as u64});
    let start =
        json!({"line": start["line"], "character": start["character"].as_u64().unwrap() - 1});
    let change = json!({"textDocument": {"uri": uri, "version": 3},
        "contentChanges": [{"range": {"start": start, "end": end}, "text": "disengages"}]});
    client.notify("textDocument/didChange", change);
    assert_eq!(client.diagnostics_for(&uri), Vec::<Value>::new());

    let at = |needle| json!({"textDocument": {"uri": uri}, "position": position(LATAM, needle)});
    let (hover, _) = client.request("textDocument/hover", at("china gains"));
    let shown = hover["result"]["contents"]["value"].as_str().unwrap();
    assert!(shown.contains("concluded by: `rivals_fill_gap`"), "{shown}");
    assert!(shown.contains("| `retreat` | likely | 0.675 |"), "{shown}");
    assert!(shown.contains("| `stay` | does not hold | 0 |"), "{shown}");
    let (level, _) = client.request("textDocument/hover", at("likely\n"));
    assert_eq!(
        level["result"]["contents"]["value"],
        "**`likely`**: likely (probable): 55-80%"
    );

    let (definition, _) = client.request("textDocument/definition", at("seed \"comp"));
    assert_eq!(definition["result"][0]["uri"], uri.as_str());
    assert_eq!(
        definition["result"][0]["range"]["start"],
        json!({"line": 0, "character": 9})
    );

    let (completion, _) = client.request("textDocument/completion", at("  likely"));
    let labels: Vec<&str> = completion["result"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["label"].as_str().unwrap())
        .collect();
    assert!(
        labels.contains(&"rule") && labels.contains(&"latin_america"),
        "{labels:?}"
    );

    let (symbols, _) = client.request(
        "textDocument/documentSymbol",
        json!({"textDocument": {"uri": uri}}),
    );
    let names: Vec<&str> = symbols["result"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["seed", "rivals_fill_gap", "retreat", "stay"]);

    let rename = json!({"textDocument": {"uri": uri}, "position": position(LATAM, "retreat"), "newName": "withdrawal"});
    let (renamed, _) = client.request("textDocument/rename", rename);
    let edits = &renamed["result"]["documentChanges"][0]["edits"];
    assert_eq!(edits.as_array().map(Vec::len), Some(1), "{renamed}");
    assert_eq!(client.finish(), 0);
}

#[test]
fn bad_messages_get_json_rpc_errors_and_the_session_goes_on() {
    let mut client = Client::start();
    // Before `initialize`: "server not initialized".
    let (early, _) = client.request("textDocument/hover", json!({}));
    assert_eq!(early["error"]["code"], -32002, "{early}");
    // Not JSON: a parse error with a null id.
    client.send_raw("{not json");
    let parse = client.read();
    assert_eq!(parse["error"]["code"], -32700, "{parse}");
    assert_eq!(parse["id"], Value::Null);
    client.initialize();
    // A second `initialize`, an unknown method, bad parameters.
    let (again, _) = client.request("initialize", json!({"capabilities": {}}));
    assert_eq!(again["error"]["code"], -32600, "{again}");
    let (unknown, _) = client.request("textDocument/frobnicate", json!({}));
    assert_eq!(unknown["error"]["code"], -32601, "{unknown}");
    let (bad, _) = client.request("textDocument/hover", json!({"position": "here"}));
    assert_eq!(bad["error"]["code"], -32602, "{bad}");
    // A document never opened: no answer, no error.
    let nowhere = json!({"textDocument": {"uri": "file:///nowhere.augur"}, "position": {"line": 0, "character": 0}});
    let (none, _) = client.request("textDocument/hover", nowhere);
    assert_eq!(none["result"], Value::Null, "{none}");
    // A change far past the end of a text is clamped; the text is kept.
    let uri = "untitled:scratch";
    let doc = json!({"uri": uri, "languageId": "augur", "version": 1, "text": "fact a p\n"});
    client.notify("textDocument/didOpen", json!({"textDocument": doc}));
    assert_eq!(client.diagnostics_for(uri), Vec::<Value>::new());
    let far = json!({"line": 99, "character": 99});
    let change = json!({"textDocument": {"uri": uri, "version": 2},
        "contentChanges": [{"range": {"start": far, "end": far}, "text": "fact )\n"}]});
    client.notify("textDocument/didChange", change);
    let found = client.diagnostics_for(uri);
    assert_eq!(
        found[0]["code"], "augur::syntax::expected_atom",
        "{found:?}"
    );
    assert_eq!(found[0]["range"]["start"]["line"], 1);
    let (format, _) = client.request(
        "textDocument/formatting",
        json!({"textDocument": {"uri": uri}, "options": {"tabSize": 2, "insertSpaces": true}}),
    );
    assert_eq!(
        format["result"],
        json!([]),
        "a file that does not parse is left alone"
    );
    // After `shutdown`, only `exit`.
    let (down, _) = client.request("shutdown", Value::Null);
    assert_eq!(down["result"], Value::Null);
    let (late, _) = client.request("textDocument/hover", json!({}));
    assert_eq!(late["error"]["code"], -32600, "{late}");
    client.notify("exit", Value::Null);
    assert_eq!(client.child.wait().unwrap().code(), Some(0));
}

#[test]
fn exit_without_shutdown_is_exit_code_1() {
    let mut client = Client::start();
    client.initialize();
    client.notify("exit", Value::Null);
    let status = client.child.wait().unwrap();
    assert_eq!(status.code(), Some(1));
}

#[test]
fn a_folder_is_one_workspace_and_quotes_are_verified() {
    let dir = tempfile_dir::Dir::new();
    std::fs::write(
        dir.path.join("seed.txt"),
        "Rivals fill the gap. Others wait.",
    )
    .unwrap();
    std::fs::write(
        dir.path.join("b.augur"),
        "scenario other extends retreat { }\n",
    )
    .unwrap();
    let text = LATAM.replace(
        "\"Shifting Dynamics\"",
        "\"Shifting Dynamics\" file \"seed.txt\"",
    );
    let path = dir.path.join("latam.augur");
    std::fs::write(&path, &text).unwrap();
    let uri = format!("file://{}", path.display());
    let mut client = Client::start();
    client.initialize();
    let doc = json!({"uri": uri, "languageId": "augur", "version": 1, "text": text});
    client.notify("textDocument/didOpen", json!({"textDocument": doc}));
    let found = client.diagnostics_for(&uri);
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0]["code"], "augur::check::quote_not_found");
    // `retreat` is used in b.augur, which is not open: found on disk.
    let params = json!({"textDocument": {"uri": uri}, "position": position(&text, "retreat"), "context": {"includeDeclaration": false}});
    let (refs, _) = client.request("textDocument/references", params);
    let refs = refs["result"].as_array().unwrap().clone();
    assert_eq!(refs.len(), 1, "{refs:?}");
    assert!(refs[0]["uri"].as_str().unwrap().ends_with("/b.augur"));
    assert_eq!(client.finish(), 0);
}

#[test]
fn the_message_size_limit_holds_at_its_boundary() {
    let body = json!({"jsonrpc": "2.0", "id": 1, "method": "shutdown"}).to_string();
    let n = body.len();
    for (limit, read) in [(n + 1, true), (n, true), (n - 1, false)] {
        let mut client = Client::start_with(&["--max-message-size", &limit.to_string()]);
        client.send_raw(&body);
        let reply = client.read();
        if read {
            // Read, and answered: "not initialized".
            assert_eq!(reply["error"]["code"], -32002, "{limit}: {reply}");
        } else {
            assert_eq!(reply["error"]["code"], -32600, "{limit}: {reply}");
            assert_eq!(reply["id"], Value::Null);
            let message = reply["error"]["message"].as_str().unwrap();
            assert!(message.contains("--max-message-size"), "{message}");
        }
        // `exit` itself may be over the limit: the end of input ends the session.
        let Client {
            mut child, stdin, ..
        } = client;
        drop(stdin);
        assert_eq!(child.wait().unwrap().code(), Some(1));
    }
}
