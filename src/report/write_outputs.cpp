#include "report/write_outputs.h"

#include <filesystem>
#include <map>
#include <system_error>

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
  const Json& model = optional_object(optional_object(results, "metadata", "results.json"), "model",
                                      "results.json: metadata");
  FigureContext context(optional_string(model, "name", "results.json: metadata.model"),
                        optional_string(model, "kind", "results.json: metadata.model") == "lexical");
  context.language = language;
  context.exponents = prime_exponents(results);

  using Plot = std::string (*)(const Json&, const FigureContext&);
  struct Figure {
    const char* section;
    const char* stem;
    Plot png;
    Plot svg;
  };
  const Figure figures[] = {{"h1", "tsne", plot_tsne_png, plot_tsne_svg},
                            {"h2", "squares", plot_squares_png, plot_squares_svg},
                            {"h3", "isotopies", plot_isotopies_png, plot_isotopies_svg}};
  std::map<std::string, std::string> pngs;
  for (const Figure& f : figures) {
    if (!results.contains(f.section) || results[f.section].is_null()) continue;
    const Json& fragment = results[f.section];
    std::string png = f.png(fragment, context);
    write_file_atomic(dir + "/" + f.stem + ".png", png);
    write_file_atomic(dir + "/" + f.stem + ".svg", f.svg(fragment, context));
    pngs[std::string(f.stem) + ".png"] = std::move(png);
  }
  write_file_atomic(dir + "/report.html", render_report_html(results, pngs, language));
  write_file_atomic(dir + "/report.md", render_report_md(results, language));
}

}  // namespace nsmlab
