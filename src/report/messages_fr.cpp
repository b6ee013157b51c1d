// The report's and the figures' words in French. Written with plain spaces before : ; ? !
// and inside « »: Messages turns them into the non-breaking spaces of French typography.
// Numbers keep the decimal point in both languages (they are the program's output, as in
// results.json and the terminal).
#include "report/messages.h"

namespace nsmlab {

namespace {

constexpr Message kFrench[] = {
    // Whole document
    {"doc.contents", "Sommaire"},
    {"doc.notice", "Avertissement."},
    {"doc.figure_caption", "{} (version vectorielle : {})"},
    {"doc.generated", "Produit par nsmlab."},
    {"common.permutations", "Permutations"},
    {"common.verdict", "Verdict"},
    {"common.rate", "Taux"},
    {"common.reason", "Raison"},
    {"common.yes", "oui"},
    {"common.no", "non"},
    {"common.none", "aucun"},
    {"verdict.validated", "validée"},
    {"verdict.refuted", "réfutée"},
    {"verdict.not_applicable", "sans objet (référence lexicale)"},
    {"p.not_computed", "non calculée"},
    {"p.value_with_p", "{} (p {})"},
    {"p.value_not_computed", "{} (p non calculée)"},
    {"test.null", "Hypothèse nulle"},
    {"test.p", "Valeur p"},
    {"test.interval", "Intervalle"},
    {"test.refuted", "Significatif mais réfuté ?"},

    // Header
    {"header.title", "Rapport nsmlab — {}"},
    {"header.model", "Modèle"},
    {"header.model_files", "Fichiers du modèle"},
    {"header.revision", "révision {}, {}"},
    {"header.kind", "Type"},
    {"header.backend", "Moteur de calcul"},
    {"header.backend_value", "{} ({}, {} fils d’exécution)"},
    {"header.device", "Matériel"},
    {"header.dataset", "Jeu de données"},
    {"header.language", "Langue"},
    {"header.date", "Date"},
    {"header.backend_note", "Moteur de calcul (message en anglais) : {}"},
    {"header.run_notice", "{} (message de nsmlab, en anglais)"},
    {"header.long_texts", "Textes longs ({}) : {} (message de nsmlab, en anglais)"},

    // Introduction
    {"intro.heading", "Les trois hypothèses"},
    {"intro.h1",
     "H1 : les primitives sémantiques de la Métalangue sémantique naturelle (NSM ; Wierzbicka 1996 ; "
     "Goddard & Wierzbicka 2014), une fois encodées par le modèle, se regroupent selon les catégories du tableau "
     "des primitives (k-moyennes confrontées aux catégories)."},
    {"intro.h2",
     "H2 : le carré sémiotique de Greimas (Greimas & Courtés 1979, « Carré sémiotique ») se lit dans la géométrie : "
     "les deux contraires S1 et S2 sont plus proches l’un de l’autre que chacun ne l’est de son contradictoire "
     "(non-S1, non-S2)."},
    {"intro.h3",
     "H3 : les isotopies, récurrences d’un trait sémantique qui assurent la cohérence d’un texte (Greimas 1966 ; "
     "Rastier 1987), s’alignent sur des composantes principales des plongements des phrases du corpus."},
    {"intro.references",
     "Références : A. Wierzbicka, Semantics: Primes and Universals, Oxford University Press, 1996. "
     "C. Goddard & A. Wierzbicka, Words and Meanings, Oxford University Press, 2014. "
     "A. J. Greimas, Sémantique structurale, Larousse, 1966. "
     "A. J. Greimas & J. Courtés, Sémiotique. Dictionnaire raisonné de la théorie du langage, Hachette, 1979. "
     "F. Rastier, Sens et textualité, Hachette, 1987."},

    // Synthesis
    {"synthesis.heading", "Synthèse"},
    {"synthesis.experiment", "Expérience"},
    {"synthesis.hypothesis", "Hypothèse"},
    {"synthesis.metric", "Mesure"},
    {"synthesis.p_value", "Valeur p"},
    {"synthesis.verdict", "Verdict"},
    {"synthesis.hypothesis_H1", "les primitives se regroupent par catégorie"},
    {"synthesis.hypothesis_H2", "les carrés de Greimas sont géométriques"},
    {"synthesis.hypothesis_H3", "les isotopies s’alignent sur les composantes principales"},
    {"synthesis.metric_h1", "pureté {}, silhouette {}"},
    {"synthesis.metric_h2", "{} carrés valides sur {} ({})"},
    {"synthesis.metric_h2_ties", ", égalités : {}"},
    {"synthesis.metric_h3", "{} isotopies sur {} à |r| > {} ({})"},
    {"synthesis.lexical",
     "Avec la référence lexicale, aucun verdict ne s’applique : ses chiffres mesurent des n-grammes de caractères "
     "partagés, non le sens, et ne disent rien des hypothèses."},

    // H1
    {"h1.heading", "H1 — Les primitives se regroupent-elles par catégorie ?"},
    {"h1.rule",
     "k-moyennes avec k = {} sur {} primitives ; H1 est validée si la pureté dépasse {} et la silhouette {}. "
     "Verdict : {}."},
    {"h1.purity", "Pureté"},
    {"h1.purity_ci", "Pureté, IC à {}"},
    {"h1.silhouette", "Silhouette"},
    {"h1.silhouette_ci", "Silhouette, IC à {}"},
    {"h1.ari", "Indice de Rand ajusté"},
    {"h1.nmi", "Information mutuelle normalisée"},
    {"h1.inertia", "Inertie des k-moyennes"},
    {"h1.ci_method", "Intervalles de confiance"},
    {"h1.ci_jackknife", "jackknife (une primitive retirée à la fois), approximation normale"},
    {"h1.ci_not_computed", "non calculés (désactivés par --no-jackknife)"},
    {"h1.perplexity", "Perplexité t-SNE utilisée"},
    {"h1.trustworthiness", "Fidélité du t-SNE (trustworthiness)"},
    {"h1.null",
     "les catégories n’ont aucun lien avec la géométrie : les étiquettes de catégorie sont permutées entre les "
     "primitives, les groupes des k-moyennes restant fixes."},
    {"h1.p",
     "la part des permutations dont la pureté (ARI, NMI) atteint au moins la valeur observée ; la valeur p de la "
     "silhouette teste la silhouette des vraies catégories, puisque celle des k-moyennes ne dépend pas des "
     "étiquettes."},
    {"h1.interval",
     "un intervalle jackknife (une primitive retirée à la fois, approximation normale) : il mesure à quel point le "
     "score repose sur des primitives isolées, et ne dit rien d’autres choix de primitives ou de modèles."},
    {"h1.refuted",
     "oui : une petite valeur p indique que les groupes correspondent aux catégories mieux que le hasard, alors que "
     "le verdict demande si la pureté et la silhouette franchissent des seuils fixes ; une structure faible mais "
     "réelle est donc les deux à la fois."},
    {"h1.caption", "t-SNE des primitives, colorées par catégorie"},
    {"h1.clusters", "Groupes des k-moyennes"},
    {"h1.cluster", "Groupe"},
    {"h1.size", "Taille"},
    {"h1.majority", "Catégorie majoritaire"},
    {"h1.matched", "Catégorie appariée"},
    {"h1.members", "Membres"},

    // H2
    {"h2.heading", "H2 — Les carrés de Greimas sont-ils géométriques ?"},
    {"h2.rule",
     "Un carré est valide si d(S1, S2) < d(S1, non-S1) et d(S1, S2) < d(S2, non-S2) (distances cosinus), "
     "c’est-à-dire si sa marge min(d(S1, non-S1), d(S2, non-S2)) − d(S1, S2) est positive. Une marge comprise dans "
     "±{} est une égalité : des plongements en float32 ne permettent pas de trancher, et une égalité ne compte pas "
     "comme valide. H2 est validée si plus de {} des carrés analysés sont valides. Verdict : {}."},
    {"h2.analysed", "Carrés analysés"},
    {"h2.valid", "Carrés valides"},
    {"h2.ties", "Égalités (non comptées comme valides)"},
    {"h2.rate_ci", "Taux, IC à {}"},
    {"h2.null",
     "les rôles ne portent aucune géométrie : dans chaque carré, les quatre primitives sont distribuées au hasard "
     "entre les quatre rôles."},
    {"h2.p", "la part de ces distributions dont le taux de carrés valides atteint au moins le taux observé."},
    {"h2.interval",
     "un intervalle bootstrap (percentiles) du taux de carrés valides, en rééchantillonnant les carrés : il mesure à "
     "quel point le taux dépend des carrés particuliers du jeu de données."},
    {"h2.refuted",
     "oui : faire mieux qu’une attribution des rôles au hasard (petite valeur p) est une affirmation bien plus "
     "faible que d’avoir plus de carrés valides que la part fixée par le seuil."},
    {"h2.caption", "Distances par carré ; contraires face au contradictoire le plus proche, chaque carré numéroté comme dans le tableau ci-dessous"},
    {"h2.squares", "Carrés"},
    {"h2.square", "Carré"},
    {"h2.margin", "Marge"},
    {"h2.decision", "Décision"},
    {"h2.decision_valid", "valide"},
    {"h2.decision_invalid", "invalide"},
    {"h2.decision_tie", "égalité"},
    {"h2.why", "Justification de chaque carré"},
    {"h2.strength", "Solidité"},
    {"h2.strength_sound", "solide"},
    {"h2.strength_weak", "faible"},
    {"h2.rationale", "Justification (du jeu de données, en anglais)"},
    {"h2.skipped", "Carrés écartés"},

    // H3
    {"h3.heading", "H3 — Les isotopies se voient-elles dans la géométrie du corpus ?"},
    {"h3.rule",
     "Une isotopie converge si son vecteur de présence est corrélé à une composante principale avec |r| > {} ; "
     "H3 est validée si plus de {} des isotopies cibles convergent. Verdict : {}."},
    {"h3.sentences", "Phrases"},
    {"h3.components", "Composantes principales"},
    {"h3.explained", "Variance expliquée"},
    {"h3.analysed", "Isotopies analysées"},
    {"h3.converging", "Isotopies convergentes"},
    {"h3.null",
     "les isotopies n’ont aucun lien avec la géométrie du corpus : les phrases sont permutées par rapport aux "
     "composantes principales (une même permutation pour toutes les isotopies, afin de conserver leurs "
     "cooccurrences)."},
    {"h3.p",
     "la part des permutations dont le taux d’isotopies convergentes atteint au moins le taux observé ; la valeur p "
     "propre à chaque isotopie compare son meilleur |r| à celui de son vecteur de présence permuté."},
    {"h3.refuted",
     "oui : des corrélations bien supérieures au hasard (petite valeur p) peuvent rester sous le seuil de |r| qui "
     "définit la convergence."},
    {"h3.caption", "r de Pearson par isotopie et par composante principale"},
    {"h3.isotopies", "Isotopies"},
    {"h3.isotopy", "Isotopie"},
    {"h3.forms", "Formes"},
    {"h3.occurrences", "Occurrences"},
    {"h3.best_component", "Meilleure composante"},
    {"h3.best_r", "Meilleur r"},
    {"h3.result", "Résultat"},
    {"h3.converges", "converge"},
    {"h3.diverges", "ne converge pas"},
    {"h3.skipped", "écartée : {}"},
    {"h3.skip_no_forms", "aucune forme du lexique dans cette langue"},
    {"h3.skip_rare", "{} occurrence(s), moins que les {} requises"},
    {"h3.skip_everywhere", "présente dans toutes les phrases : corrélation indéfinie"},

    // Metadata
    {"metadata.heading", "Métadonnées de l’exécution"},
    {"metadata.parameters", "Paramètres"},
    {"metadata.timings", "Durées"},
    {"metadata.stage", "Étape"},
    {"metadata.seconds", "Secondes"},
    // Figures
    {"plot.lexical_title", " · RÉFÉRENCE LEXICALE, pas un test des hypothèses"},
    {"plot.verdict_not_applicable", "verdict sans objet (référence lexicale)"},
    {"plot.tsne_title", "H1 — t-SNE des primitives sémantiques"},
    {"plot.tsne_subtitle", "pureté {} (p {}) · silhouette {} (p {}) · k = {} · n = {} · {}"},
    {"plot.tsne_footer", "H1 est validée si pureté > {} et silhouette > {}. t-SNE : perplexité {}, fidélité {}."},
    {"plot.tsne_x", "dimension t-SNE 1"},
    {"plot.tsne_y", "dimension t-SNE 2"},
    {"plot.category", "Catégorie"},
    {"plot.squares_title", "H2 — Les carrés de Greimas en distances cosinus"},
    {"plot.squares_subtitle", "{} carrés valides sur {} ({}), égalités : {} · seuil {} · p {} · {}{}"},
    {"plot.squares_skipped", " · écartés : {}"},
    {"plot.squares_footer",
     "Un carré est valide quand ses contraires sont plus proches que ses deux contradictoires : d(S1,S2) < d(S1,non-S1) "
     "et d(S1,S2) < d(S2,non-S2) ; une marge comprise dans ±{:.0e} est une égalité (≈), non comptée comme valide."},
    {"plot.col_contraries", "contraires"},
    {"plot.col_contradictory", "contradictoires"},
    {"plot.col_complementary", "complémentaires"},
    {"plot.col_nearer", "contradictoire"},
    {"plot.col_nearer_2", "le plus proche"},
    {"plot.col_decision", "décision"},
    {"plot.squares_x", "contradictoire le plus proche : min(d(S1, non-S1), d(S2, non-S2))"},
    {"plot.squares_y", "distance des contraires d(S1, S2)"},
    {"plot.legend_valid", "valide (zone ombrée)"},
    {"plot.cosine_distance", "distance cosinus"},
    {"plot.isotopies_title", "H3 — Les isotopies face aux composantes principales du corpus"},
    {"plot.isotopies_subtitle",
     "convergence si |r| > {} · {} isotopies convergentes sur {} ({}) · seuil {} · p {} · {}"},
    {"plot.isotopies_footer",
     "{} phrases ({}), ACP à {} composantes ; cellules : r de Pearson entre présence et scores des composantes."},
    {"plot.best_r", "meilleur |r|"},
    {"plot.occurrences", "{} occurrences"},
    {"plot.skipped_occurrences", "écartée ({} occurrences)"},
    {"plot.pearson_r", "r de Pearson"},
    {"plot.threshold_marks", "repères : ±{}"},
};

}  // namespace

std::span<const Message> french_messages() { return kFrench; }

}  // namespace nsmlab
