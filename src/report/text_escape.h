// Escaping of user-controlled text (labels, model names, paths) for each output format.
#pragma once
#include <string>
#include <string_view>

namespace nsmlab {

// For HTML text and attribute values (double-quoted) and for XML (SVG).
std::string html_escape(std::string_view text);

// For Markdown text and table cells: backslash-escapes the punctuation Markdown
// would interpret (emphasis, links, tables, raw HTML), turns newlines into spaces.
std::string markdown_escape(std::string_view text);

}  // namespace nsmlab
