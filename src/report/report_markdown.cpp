// Markdown writer of the report document (GitHub-flavoured tables).
#include <fmt/format.h>

#include "report/report.h"
#include "report/report_document.h"
#include "report/text_escape.h"

namespace nsmlab {
namespace {

std::string cell_md(const Cell& c) {
  const std::string text = markdown_escape(c.text);
  if (c.tone == Tone::good || c.tone == Tone::bad) return "**" + text + "**";
  if (c.tone == Tone::muted) return "_" + text + "_";
  return text;
}

void write_table(std::string& out, const std::vector<std::string>& header, const std::vector<std::vector<Cell>>& rows) {
  out += "|";
  for (const auto& h : header) out += " " + markdown_escape(h) + " |";
  out += "\n|";
  for (size_t i = 0; i < header.size(); ++i) out += " --- |";
  out += "\n";
  for (const auto& row : rows) {
    out += "|";
    for (const Cell& c : row) out += " " + cell_md(c) + " |";
    out += "\n";
  }
  out += "\n";
}

void write_block(std::string& out, const Block& b, const Messages& m) {
  switch (b.kind) {
    case Block::Kind::heading:
      // An explicit anchor: renderers derive their own ids from the text, each differently.
      if (!b.anchor.empty()) out += "<a id=\"" + b.anchor + "\"></a>\n\n";
      out += std::string(static_cast<size_t>(b.level), '#') + " " + markdown_escape(b.text) + "\n\n";
      break;
    case Block::Kind::contents:
      out += "**" + markdown_escape(m("doc.contents")) + "**\n\n";
      for (size_t i = 0; i < b.rows.size(); ++i)
        out += fmt::format("{}. [{}](#{})\n", i + 1, markdown_escape(b.rows[i][1].text), b.rows[i][0].text);
      out += "\n";
      break;
    case Block::Kind::paragraph:
      out += markdown_escape(b.text) + "\n\n";
      break;
    case Block::Kind::notice:
      out += "> **" + markdown_escape(m("doc.notice")) + "** " + markdown_escape(b.text) + "\n\n";
      break;
    case Block::Kind::facts:
      write_table(out, {"", ""}, b.rows);
      break;
    case Block::Kind::table:
      write_table(out, b.header, b.rows);
      break;
    case Block::Kind::figure:
      // File names are ours (tsne.png ...), safe as link targets.
      out += fmt::format("![{}]({})\n\n_{}_ ([SVG]({}))\n\n", markdown_escape(b.text), b.image,
                         markdown_escape(b.text), b.vector_image);
      break;
  }
}

}  // namespace

std::string render_report_md(const Json& results, ReportLanguage language) {
  const ReportDocument doc = build_report_document(results, language);
  const Messages m(language);
  std::string out;
  for (const Block& b : doc.blocks) write_block(out, b, m);
  out += "_" + markdown_escape(m("doc.generated")) + "_\n";
  return out;
}

}  // namespace nsmlab
