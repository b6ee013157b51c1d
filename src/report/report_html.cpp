// HTML writer of the report document.
#include <fmt/format.h>

#include <cctype>

#include "report/base64.h"
#include "report/report.h"
#include "report/report_document.h"
#include "report/text_escape.h"

namespace nsmlab {
namespace {

constexpr const char* kStyle = R"css(
body { font-family: "DejaVu Sans", "Helvetica Neue", Arial, sans-serif; color: #222; margin: 0; background: #f6f7f9; }
main { max-width: 1280px; margin: 0 auto; padding: 24px 40px 60px; background: #fff; }
h1 { font-size: 1.7em; margin: 0.4em 0 0.6em; }
h2 { font-size: 1.35em; border-bottom: 2px solid #dde1e6; padding-bottom: 0.25em; margin-top: 1.8em; }
h3 { font-size: 1.1em; margin-top: 1.4em; }
p { line-height: 1.5; }
.notice { border: 2px solid #c77c02; background: #fff6e0; padding: 14px 18px; border-radius: 6px;
          font-size: 1.05em; line-height: 1.5; margin: 1em 0; }
.notice strong { color: #8a5300; }
table { border-collapse: collapse; margin: 0.6em 0 1em; font-size: 0.92em; }
th, td { border: 1px solid #d5d9de; padding: 5px 10px; text-align: left; vertical-align: top; }
th { background: #eef1f4; }
tr:nth-child(even) td { background: #fafbfc; }
table.facts th { width: 260px; font-weight: normal; color: #444; }
td.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
table.compact { font-size: 0.82em; }
table.compact th, table.compact td { padding: 4px 6px; }
.good { color: #146c2e; font-weight: bold; }
.bad { color: #b42318; font-weight: bold; }
td.good { background: #e7f5ec !important; }
td.bad { background: #fdecea !important; }
.muted { color: #777; }
figure { margin: 1em 0 1.6em; }
figure img { max-width: 100%; height: auto; border: 1px solid #e3e6ea; }
figcaption { color: #555; font-size: 0.9em; margin-top: 0.3em; }
.table-scroll { overflow-x: auto; }
nav.contents { background: #f5f7f9; border: 1px solid #e3e6ea; padding: 10px 18px; display: inline-block; }
nav.contents ol { margin: 0.4em 0 0; padding-left: 1.4em; }
)css";

const char* tone_class(Tone t) {
  switch (t) {
    case Tone::good: return "good";
    case Tone::bad: return "bad";
    case Tone::muted: return "muted";
    default: return "";
  }
}

// Numbers, intervals and p-values line up on the right; text that starts with a number
// ("4/21 squares valid") does not.
bool looks_numeric(const std::string& s) {
  if (s.empty()) return false;
  const char c = s[0];
  if (!((c >= '0' && c <= '9') || c == '-' || c == '+' || c == '[' || c == '<' || s == "—")) return false;
  for (size_t i = 0; i < s.size(); ++i)  // letters: only the exponent of 1.2e-09
    if (std::isalpha(static_cast<unsigned char>(s[i])) && !(s[i] == 'e' && i > 0 && std::isdigit(static_cast<unsigned char>(s[i - 1]))))
      return false;
  return true;
}

std::string cell_html(const char* tag, const Cell& c, bool align_numbers = true) {
  std::string cls = tone_class(c.tone);
  if (align_numbers && std::string(tag) == "td" && looks_numeric(c.text)) cls += cls.empty() ? "num" : " num";
  return fmt::format("<{0}{1}>{2}</{0}>", tag, cls.empty() ? "" : " class=\"" + cls + "\"", html_escape(c.text));
}

void write_block(std::string& out, const Block& b, const std::map<std::string, std::string>& pngs, const Messages& m) {
  switch (b.kind) {
    case Block::Kind::heading:
      out += fmt::format("<h{0}{2}>{1}</h{0}>\n", b.level, html_escape(b.text),
                         b.anchor.empty() ? "" : " id=\"" + html_escape(b.anchor) + "\"");
      break;
    case Block::Kind::contents:
      out += "<nav class=\"contents\"><strong>" + html_escape(m("doc.contents")) + "</strong><ol>\n";
      for (const auto& row : b.rows)
        out += "<li><a href=\"#" + html_escape(row[0].text) + "\">" + html_escape(row[1].text) + "</a></li>\n";
      out += "</ol></nav>\n";
      break;
    case Block::Kind::paragraph:
      out += "<p>" + html_escape(b.text) + "</p>\n";
      break;
    case Block::Kind::notice:
      out += "<div class=\"notice\" role=\"note\"><strong>" + html_escape(m("doc.notice")) + "</strong> " + html_escape(b.text) +
             "</div>\n";
      break;
    case Block::Kind::facts:
      out += "<table class=\"facts\">\n";
      for (const auto& row : b.rows) out += "<tr>" + cell_html("th", row[0]) + cell_html("td", row[1], false) + "</tr>\n";
      out += "</table>\n";
      break;
    case Block::Kind::table:
      out += b.compact ? "<div class=\"table-scroll\"><table class=\"compact\">\n<tr>" : "<div class=\"table-scroll\"><table>\n<tr>";
      for (const auto& h : b.header) out += "<th>" + html_escape(h) + "</th>";
      out += "</tr>\n";
      for (const auto& row : b.rows) {
        out += "<tr>";
        for (const Cell& c : row) out += cell_html("td", c);
        out += "</tr>\n";
      }
      out += "</table></div>\n";
      break;
    case Block::Kind::figure: {
      auto it = pngs.find(b.image);
      if (it == pngs.end() || it->second.empty()) break;
      out += fmt::format("<figure><img src=\"data:image/png;base64,{}\" alt=\"{}\"><figcaption>{}</figcaption></figure>\n",
                         base64_encode(it->second), html_escape(b.text),
                         html_escape(m.format("doc.figure_caption", b.text, b.vector_image)));
      break;
    }
  }
}

}  // namespace

std::string render_report_html(const Json& results, const std::map<std::string, std::string>& png_files,
                               ReportLanguage language) {
  const ReportDocument doc = build_report_document(results, language);
  const Messages m(language);
  std::string out = fmt::format("<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n",
                                report_language_code(language));
  out += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n";
  out += "<title>" + html_escape(doc.title) + "</title>\n<style>" + kStyle + "</style>\n</head>\n<body>\n<main>\n";
  for (const Block& b : doc.blocks) write_block(out, b, png_files, m);
  out += "<p class=\"muted\">" + html_escape(m("doc.generated")) + "</p>\n</main>\n</body>\n</html>\n";
  return out;
}

}  // namespace nsmlab
