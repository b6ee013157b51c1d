// The human-readable report of a run, from its results.json document.
#pragma once
#include <map>
#include <string>

#include "report/messages.h"
#include "util/json_file.h"

namespace nsmlab {

// A self-contained HTML page (inline CSS, figures embedded as base64 data URIs).
// `png_files` maps figure file names ("tsne.png", "squares.png", "isotopies.png") to
// their bytes; a figure without bytes is left out. All text from the document is escaped.
// `language`: the catalogue the words come from (messages.h).
std::string render_report_html(const Json& results, const std::map<std::string, std::string>& png_files,
                               ReportLanguage language = ReportLanguage::en);

// The same report in Markdown; figures are referenced by file name, next to report.md.
std::string render_report_md(const Json& results, ReportLanguage language = ReportLanguage::en);

}  // namespace nsmlab
