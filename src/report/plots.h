// The three figures of a run, as PNG (1600 px wide, for the HTML report) and SVG (for papers).
// Each takes its experiment's fragment of results.json ("h1", "h2", "h3"); `model_name`
// (metadata.model.name) goes into the title when given. Returns the file bytes.
// Needs the DejaVu Sans font (Debian package fonts-dejavu-core).
#pragma once
#include <string>

#include "util/json_file.h"

namespace nsmlab {

// t-SNE scatter of the primes, coloured by category, every point labelled.
std::string plot_tsne_png(const Json& h1, const std::string& model_name = "");
std::string plot_tsne_svg(const Json& h1, const std::string& model_name = "");

// Heatmap of the distances of each analysed Greimas square, and contraries vs mean
// contradictories against the diagonal.
std::string plot_squares_png(const Json& h2, const std::string& model_name = "");
std::string plot_squares_svg(const Json& h2, const std::string& model_name = "");

// Heatmap of Pearson r per isotopy x principal component, best |r| per row outlined.
std::string plot_isotopies_png(const Json& h3, const std::string& model_name = "");
std::string plot_isotopies_svg(const Json& h3, const std::string& model_name = "");

}  // namespace nsmlab
