//! Wrapping our own text output to the terminal's width, keeping the gutter of proof trees
//! and the indentation of lists on every continuation line.

use textwrap::core::display_width;

/// Characters that draw a tree's gutter, before a line's content.
const GUTTER: [char; 5] = [' ', '│', '├', '└', '─'];

/// `text` with every line wider than `width` columns broken at spaces; a continuation line
/// repeats the gutter, with branches turned into the trunk they continue. Words longer
/// than a line are left whole.
pub fn wrap(text: &str, width: usize) -> String {
    let mut out = String::with_capacity(text.len());
    for line in text.split_inclusive('\n') {
        let (body, newline) = match line.strip_suffix('\n') {
            Some(body) => (body, "\n"),
            None => (line, ""),
        };
        if display_width(body) <= width {
            out.push_str(line);
            continue;
        }
        let gutter_len = body
            .char_indices()
            .find(|(_, c)| !GUTTER.contains(c))
            .map_or(body.len(), |(i, _)| i);
        let (gutter, content) = body.split_at(gutter_len);
        let continuation: String = gutter
            .chars()
            .map(|c| match c {
                '├' => '│',
                '└' | '─' => ' ',
                c => c,
            })
            .collect();
        let options = textwrap::Options::new(width)
            .initial_indent(gutter)
            .subsequent_indent(&continuation)
            .break_words(false)
            .word_separator(textwrap::WordSeparator::AsciiSpace);
        let lines = textwrap::wrap(content, options);
        out.push_str(&lines.join("\n"));
        out.push_str(newline);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_lines_are_untouched() {
        assert_eq!(wrap("a b\nc\n", 10), "a b\nc\n");
    }

    #[test]
    fn a_tree_line_keeps_its_gutter() {
        let line = "│  ├─ alpha beta gamma delta\n";
        assert_eq!(
            wrap(line, 16),
            "│  ├─ alpha beta\n│  │  gamma\n│  │  delta\n"
        );
    }

    #[test]
    fn paths_are_not_broken_at_slashes() {
        assert_eq!(
            wrap("│ at rules/us_policy.augur:77", 20),
            "│ at\n│ rules/us_policy.augur:77"
        );
    }

    #[test]
    fn long_words_stay_whole() {
        assert_eq!(wrap("  abcdefghij k", 6), "  abcdefghij\n  k");
    }
}
