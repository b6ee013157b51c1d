// Writes the figures and reports of a run into a folder.
#pragma once
#include <string>

#include "report/messages.h"
#include "util/json_file.h"

namespace nsmlab {

// Writes tsne.png/.svg, squares.png/.svg, isotopies.png/.svg, report.html and report.md into
// `dir` (created if missing), each file atomically. An experiment missing from `results`
// (e.g. no "h3") gets no figure and no report section.
// `language`: the words of the report and the figures (report/messages.h).
void write_report_files(const Json& results, const std::string& dir, ReportLanguage language = ReportLanguage::en);

}  // namespace nsmlab
