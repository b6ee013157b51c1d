// The report as a format-neutral document (headings, notices, facts, tables, figures),
// built once from results.json and then written as HTML or Markdown, so that both
// outputs always say the same thing.
#pragma once
#include <string>
#include <utility>
#include <vector>

#include "report/messages.h"
#include "util/json_file.h"

namespace nsmlab {

enum class Tone { plain, good, bad, muted };

struct Cell {
  std::string text;
  Tone tone = Tone::plain;
};

struct Block {
  enum class Kind { heading, paragraph, notice, facts, table, figure, contents };
  Kind kind = Kind::paragraph;
  int level = 2;                                  // heading level
  std::string anchor;                             // heading: id to link to ("h1"); contents: unused
  std::string text;                               // heading / paragraph / notice text; figure caption
  std::vector<std::string> header;                // table column titles
  std::vector<std::vector<Cell>> rows;            // table rows; facts: {name, value} pairs;
                                                  // contents: {anchor, heading text} pairs
  std::string image;                              // figure: PNG file name ("tsne.png")
  std::string vector_image;                       // figure: SVG file name, for a link
  bool compact = false;                           // table: many columns, set in a smaller font
};

struct ReportDocument {
  ReportLanguage language = ReportLanguage::en;
  std::string title;
  std::vector<Block> blocks;
};

// Throws nsmlab::Error when `results` is not an nsmlab.results/1 document or a field
// has the wrong type. Missing experiments ("h1", "h2", "h3") are left out. Every word comes
// from the `language` catalogue (messages_*.cpp); texts of the run (dataset rationales,
// categories, the run's notice) are shown as they are.
ReportDocument build_report_document(const Json& results, ReportLanguage language = ReportLanguage::en);

}  // namespace nsmlab
