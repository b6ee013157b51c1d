#include "report/write_outputs.h"

#include <filesystem>
#include <map>
#include <system_error>

#include "experiments/metadata_result.h"
#include "report/plots.h"
#include "report/prime_names.h"
#include "report/report.h"
#include "report/results_access.h"
#include "util/atomic_file.h"

namespace nsmlab {

void write_report_files(const Json& results, const std::string& dir, ReportLanguage language) {
  require_object(results, "results.json");
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec) fail("{}: cannot create the output folder: {}", dir, ec.message());
  const RunMetadata meta = parse_results_metadata(results);
  FigureContext context(meta.model.name, meta.model.lexical());
  context.language = language;
  context.exponents = prime_exponents(results);

  // Each figure from its fragment, read by its strict reader; an experiment not run has none.
  std::map<std::string, std::string> pngs;
  auto write_figure = [&](const char* stem, const std::string& png, const std::string& svg) {
    write_file_atomic(dir + "/" + stem + ".png", png);
    write_file_atomic(dir + "/" + stem + ".svg", svg);
    pngs[std::string(stem) + ".png"] = png;
  };
  auto present = [&results](const char* section) { return results.contains(section) && !results[section].is_null(); };
  if (present("h1")) {
    const H1Result h1 = parse_h1_result(results["h1"]);
    write_figure("tsne", plot_tsne_png(h1, context), plot_tsne_svg(h1, context));
  }
  if (present("h2")) {
    const H2Result h2 = parse_h2_result(results["h2"]);
    write_figure("squares", plot_squares_png(h2, context), plot_squares_svg(h2, context));
  }
  if (present("h3")) {
    const H3Result h3 = parse_h3_result(results["h3"]);
    write_figure("isotopies", plot_isotopies_png(h3, context), plot_isotopies_svg(h3, context));
  }
  write_file_atomic(dir + "/report.html", render_report_html(results, pngs, language));
  write_file_atomic(dir + "/report.md", render_report_md(results, language));
}

}  // namespace nsmlab
