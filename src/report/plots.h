// The three figures of a run, as PNG (1600 px wide, for the HTML report) and SVG (for papers).
// Each takes its experiment's fragment of results.json, read by its strict reader
// (experiments/h1_result.h, h2_result.h, h3_result.h), and the run's
// context: the model name goes into the title when given, and a lexical baseline's figures
// say so in the title and print no verdict. Returns the file bytes.
// Needs the DejaVu Sans font (Debian package fonts-dejavu-core).
#pragma once
#include <map>
#include <string>
#include <utility>

#include "experiments/h1_result.h"
#include "experiments/h2_result.h"
#include "experiments/h3_result.h"
#include "report/messages.h"
#include "util/json_file.h"

namespace nsmlab {

struct FigureContext {
  std::string model_name;         // metadata.model.name
  bool lexical_baseline = false;  // metadata.model.kind == "lexical"
  ReportLanguage language = ReportLanguage::en;  // the words of titles, axes and legends
  std::map<std::string, std::string> exponents;  // prime id -> text embedded (results.json rows.primes):
                                                 // labels read "je (I)" (report/prime_names.h)
  FigureContext() = default;
  FigureContext(std::string name, bool lexical = false) : model_name(std::move(name)), lexical_baseline(lexical) {}
  FigureContext(const char* name) : model_name(name) {}
};

// t-SNE scatter of the primes, coloured by category, every point labelled.
std::string plot_tsne_png(const H1Result& h1, const FigureContext& context = {});
std::string plot_tsne_svg(const H1Result& h1, const FigureContext& context = {});

// Heatmap of the distances of each analysed Greimas square, and contraries vs the nearer
// contradictory against the diagonal, each square a numbered marker (its row in the heatmap
// and in the report's table).
std::string plot_squares_png(const H2Result& h2, const FigureContext& context = {});
std::string plot_squares_svg(const H2Result& h2, const FigureContext& context = {});

// Heatmap of Pearson r per isotopy x principal component, best |r| per row outlined; each
// isotopy named as the report names primes, "penser (THINK)".
std::string plot_isotopies_png(const H3Result& h3, const FigureContext& context = {});
std::string plot_isotopies_svg(const H3Result& h3, const FigureContext& context = {});

}  // namespace nsmlab
