//! The requests about a document: each reads the position, asks `augur::ide`, and writes
//! the answer as the protocol does. A document the server does not have gets `null`.

use augur::ide::Workspace;
use lsp_server::ErrorCode;
use lsp_types as lsp;
use serde_json::Value;

use super::convert::{self, Text};
use super::{Server, error, params, to_value};

type Answer = Result<Value, lsp_server::ResponseError>;

impl Server {
    /// The workspace, name and text of an open document.
    fn document(&self, uri: &lsp::Uri) -> Option<(&Workspace, &str, &str)> {
        let doc = self.docs.get(uri.as_str())?;
        let ws = self.folders.get(&doc.folder)?;
        Some((ws, doc.name.as_str(), ws.text(&doc.name)?))
    }

    /// A position's document and byte offset.
    fn at(
        &self,
        p: &lsp::TextDocumentPositionParams,
    ) -> Option<(&Workspace, &str, Text<'_>, usize)> {
        let (ws, name, text) = self.document(&p.text_document.uri)?;
        let text = Text::new(text, self.columns);
        let offset = text.offset(p.position);
        Some((ws, name, text, offset))
    }

    /// A place as a location, in the file's own positions.
    fn location(&self, uri: &lsp::Uri, place: &augur::ide::Place) -> Option<lsp::Location> {
        let doc = self.docs.get(uri.as_str())?;
        let ws = self.folders.get(&doc.folder)?;
        let text = Text::new(ws.text(&place.file)?, self.columns);
        let target = Self::uri(&doc.folder, &place.file)?;
        Some(lsp::Location::new(target, text.range(&place.range)))
    }

    pub(super) fn query(&mut self, method: &str, value: Value) -> Answer {
        match method {
            "textDocument/hover" => self.hover(params(value)?),
            "textDocument/definition" => self.definition(params(value)?),
            "textDocument/references" => self.references(params(value)?),
            "textDocument/documentSymbol" => self.symbols(params(value)?),
            "textDocument/completion" => self.completion(params(value)?),
            "textDocument/rename" => self.rename(params(value)?),
            "textDocument/formatting" => self.formatting(params(value)?),
            "textDocument/codeAction" => self.code_actions(params(value)?),
            _ => Err(error(
                ErrorCode::MethodNotFound,
                format!("`{method}` is not a method augur answers"),
            )),
        }
    }

    fn hover(&self, p: lsp::HoverParams) -> Answer {
        let Some((ws, name, text, offset)) = self.at(&p.text_document_position_params) else {
            return Ok(Value::Null);
        };
        let hover = ws.hover(name, offset).map(|h| lsp::Hover {
            contents: lsp::HoverContents::Markup(lsp::MarkupContent {
                kind: lsp::MarkupKind::Markdown,
                value: h.markdown,
            }),
            range: Some(text.range(&h.range)),
        });
        to_value(hover)
    }

    fn definition(&self, p: lsp::GotoDefinitionParams) -> Answer {
        let at = &p.text_document_position_params;
        let Some((ws, name, _, offset)) = self.at(at) else {
            return Ok(Value::Null);
        };
        let uri = &at.text_document.uri;
        let places: Vec<lsp::Location> = ws
            .definition(name, offset)
            .iter()
            .filter_map(|place| self.location(uri, place))
            .collect();
        to_value(lsp::GotoDefinitionResponse::Array(places))
    }

    fn references(&self, p: lsp::ReferenceParams) -> Answer {
        let at = &p.text_document_position;
        let Some((ws, name, _, offset)) = self.at(at) else {
            return Ok(Value::Null);
        };
        let uri = &at.text_document.uri;
        let places: Vec<lsp::Location> = ws
            .references(name, offset, p.context.include_declaration)
            .iter()
            .filter_map(|place| self.location(uri, place))
            .collect();
        to_value(places)
    }

    fn symbols(&self, p: lsp::DocumentSymbolParams) -> Answer {
        let Some((ws, name, text)) = self.document(&p.text_document.uri) else {
            return Ok(Value::Null);
        };
        let text = Text::new(text, self.columns);
        let symbols = ws
            .symbols(name)
            .into_iter()
            .map(|s| convert::symbol(s, &text))
            .collect();
        to_value(lsp::DocumentSymbolResponse::Nested(symbols))
    }

    fn completion(&self, p: lsp::CompletionParams) -> Answer {
        let Some((ws, name, _, offset)) = self.at(&p.text_document_position) else {
            return Ok(Value::Null);
        };
        let items: Vec<lsp::CompletionItem> = ws
            .completions(name, offset)
            .into_iter()
            .map(convert::completion)
            .collect();
        to_value(lsp::CompletionResponse::Array(items))
    }

    fn rename(&self, p: lsp::RenameParams) -> Answer {
        let at = &p.text_document_position;
        let Some((ws, name, _, offset)) = self.at(at) else {
            return Ok(Value::Null);
        };
        let uri = &at.text_document.uri;
        let edits = ws
            .rename(name, offset, &p.new_name)
            .map_err(|e| error(ErrorCode::RequestFailed, e.to_string()))?;
        let edits = edits
            .into_iter()
            .filter_map(|e| {
                let place = augur::ide::Place {
                    file: e.file,
                    range: e.range,
                };
                let location = self.location(uri, &place)?;
                Some((location.uri, lsp::TextEdit::new(location.range, e.text)))
            })
            .collect();
        to_value(convert::workspace_edit(edits))
    }

    fn formatting(&self, p: lsp::DocumentFormattingParams) -> Answer {
        let Some((ws, name, text)) = self.document(&p.text_document.uri) else {
            return Ok(Value::Null);
        };
        // A file that does not parse is left as it is; its diagnostics say why.
        let edits: Vec<lsp::TextEdit> = match ws.format(name) {
            Some(formatted) if formatted != text => {
                let whole = Text::new(text, self.columns).whole();
                vec![lsp::TextEdit::new(whole, formatted)]
            }
            _ => Vec::new(),
        };
        to_value(edits)
    }

    fn code_actions(&self, p: lsp::CodeActionParams) -> Answer {
        let uri = &p.text_document.uri;
        let Some((ws, name, text)) = self.document(uri) else {
            return Ok(Value::Null);
        };
        let text = Text::new(text, self.columns);
        let range = text.offset(p.range.start)..text.offset(p.range.end);
        let locate = |place: &augur::ide::Place| self.location(uri, place);
        let actions: Vec<lsp::CodeActionOrCommand> = ws
            .fixes(name, range)
            .into_iter()
            .map(|(d, fix)| {
                let edit = lsp::TextEdit::new(text.range(&fix.range), fix.text.clone());
                lsp::CodeActionOrCommand::CodeAction(lsp::CodeAction {
                    title: fix.title.clone(),
                    kind: Some(lsp::CodeActionKind::QUICKFIX),
                    diagnostics: Some(vec![convert::diagnostic(d, &text, &locate)]),
                    edit: Some(convert::workspace_edit(vec![(uri.clone(), edit)])),
                    is_preferred: Some(true),
                    ..lsp::CodeAction::default()
                })
            })
            .collect();
        to_value(actions)
    }
}
