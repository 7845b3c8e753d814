//! Reading one message: headers (`Content-Length: N`, each line at most 1 KiB, at most 32),
//! a blank line, then N bytes of JSON. A body past the limit is read past and dropped,
//! never held, so no input costs more memory than the limit.

use std::io::{self, BufRead, Read};

use lsp_server::{ErrorCode, Message};

/// The longest header line read.
const MAX_HEADER_LINE: u64 = 1024;
/// The most header lines of one message.
const MAX_HEADERS: usize = 32;

/// What was read.
pub enum Frame {
    /// A message.
    Message(Message),
    /// Not a message: the JSON-RPC error code and why.
    Bad(ErrorCode, String),
    /// The end of input.
    End,
}

/// Reads one message of at most `max` bytes of body.
pub fn read(input: &mut impl BufRead, max: u64) -> io::Result<Frame> {
    let mut length: Option<u64> = None;
    let mut headers = 0;
    loop {
        let mut line = Vec::new();
        input
            .by_ref()
            .take(MAX_HEADER_LINE)
            .read_until(b'\n', &mut line)?;
        if line.is_empty() {
            return Ok(Frame::End);
        }
        if !line.ends_with(b"\n") {
            let why = format!("a header line longer than {MAX_HEADER_LINE} bytes");
            return Ok(Frame::Bad(ErrorCode::ParseError, why));
        }
        let text = String::from_utf8_lossy(&line);
        let text = text.trim_end_matches(['\r', '\n']);
        if text.is_empty() {
            break;
        }
        headers += 1;
        if headers > MAX_HEADERS {
            let why = format!("more than {MAX_HEADERS} header lines");
            return Ok(Frame::Bad(ErrorCode::ParseError, why));
        }
        if let Some((name, value)) = text.split_once(':')
            && name.trim().eq_ignore_ascii_case("content-length")
        {
            length = value.trim().parse().ok();
        }
    }
    let Some(length) = length else {
        let why = "a message without a valid `Content-Length` header".to_owned();
        return Ok(Frame::Bad(ErrorCode::ParseError, why));
    };
    if length > max {
        io::copy(&mut input.by_ref().take(length), &mut io::sink())?;
        let why = format!(
            "a message of {length} bytes, over the limit of {max} (`augur lsp --max-message-size`)"
        );
        return Ok(Frame::Bad(ErrorCode::InvalidRequest, why));
    }
    let mut body = Vec::new();
    input.by_ref().take(length).read_to_end(&mut body)?;
    if (body.len() as u64) < length {
        return Ok(Frame::End);
    }
    Ok(match serde_json::from_slice::<Message>(&body) {
        Ok(message) => Frame::Message(message),
        Err(e) if serde_json::from_slice::<serde_json::Value>(&body).is_ok() => Frame::Bad(
            ErrorCode::InvalidRequest,
            format!("not a JSON-RPC message: {e}"),
        ),
        Err(e) => Frame::Bad(ErrorCode::ParseError, format!("not JSON: {e}")),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn frames(input: &str, max: u64) -> Vec<String> {
        let mut input = input.as_bytes();
        let mut out = Vec::new();
        loop {
            match read(&mut input, max) {
                Ok(Frame::Message(m)) => {
                    out.push(format!("message {m:?}").chars().take(20).collect())
                }
                Ok(Frame::Bad(code, _)) => out.push(format!("bad {}", code as i32)),
                Ok(Frame::End) | Err(_) => return out,
            }
        }
    }

    #[test]
    fn messages_are_read_and_bad_ones_skipped() {
        let ok = r#"{"jsonrpc":"2.0","method":"exit"}"#;
        let input = format!(
            "Content-Length: {}\r\n\r\n{ok}Content-Length: 5\r\n\r\n{{not}}Content-Length: 2\r\n\r\n{{}}Content-Length: {}\r\n\r\n{ok}",
            ok.len(),
            ok.len()
        );
        let found = frames(&input, 1000);
        assert_eq!(found.len(), 4, "{found:?}");
        assert!(found[0].starts_with("message"));
        assert_eq!(found[1], "bad -32700");
        assert_eq!(found[2], "bad -32600");
        assert!(found[3].starts_with("message"));
    }

    #[test]
    fn the_body_limit_holds_at_its_boundary() {
        let ok = r#"{"jsonrpc":"2.0","method":"exit"}"#;
        let n = ok.len() as u64;
        let input = format!("Content-Length: {n}\r\n\r\n{ok}");
        assert!(frames(&input, n + 1)[0].starts_with("message"));
        assert!(frames(&input, n)[0].starts_with("message"));
        assert_eq!(frames(&input, n - 1), ["bad -32600"]);
        let twice = format!("{input}{input}");
        let found = frames(&twice, n - 1);
        assert_eq!(
            found,
            ["bad -32600", "bad -32600"],
            "the next message is found after a dropped one"
        );
    }

    #[test]
    fn a_header_line_without_end_is_not_read_whole() {
        let long = "x".repeat(5000);
        let found = frames(&long, 1000);
        assert_eq!(found.first().map(String::as_str), Some("bad -32700"));
    }
}
