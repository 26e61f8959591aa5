#include "import/detail/garmin_csv_languages.hpp"

#include <algorithm>
#include <array>

#include "import/detail/csv_values.hpp"

namespace stride::import::detail {
namespace {

struct Entry {
  std::string_view local;
  std::string_view english;
};

struct Language {
  std::string_view code;
  std::vector<Entry> headers;
};

// Where each table comes from: headers of real Garmin Connect exports quoted
// in public code, found with the code search (find_string) on 2026-12-05.
// Each source is named by what the file is; the ids are the search index's.
//  de  a PHP importer's comment quoting an export's header and a data row
//      ("Radfahren,2017-04-22 13:12:32,...", id 32346310390), Python
//      analyses of an `Activities (1).csv` (ids 47948922074, 47724376155) and
//      a TypeScript exporter writing Connect's newer German header (id 53911897383)
//  fr  a test "extrait fidèle d'un export réel (compte en français)" with rows
//      "Course à pied", "Musculation", "Randonnée" (id 66820762753) and a
//      script's default header copied from an export (id 60480965147)
//  es  tests built from an export with rows "Carrera" (id 56299621189) and
//      "Carrera", "Ciclismo" with "FC media"/"FC máxima" (id 71142726381)
//  it  a script writing Connect's Italian header (id 18261686700)
//  nl  an importer's column list from a Dutch export (id 48255728156)
//  no  a converter's comment "Format of garmin data: ..." and its row type
//      "Løping" (id 32559235747)
//  pl  a parser test's header and rows "Bieganie", "Chodzenie", "Joga",
//      "Trening siłowy", "Pływanie na basenie" (id 67107657606)
//  pt  a parser test's export header (id 55353737984) and rows "Corrida"
//      (ids 54521192316, 54740283186)
// Found on 2026-12-06: German sport names in an analysis of an Activities.csv
// that filters its rows by "Laufen", "Schwimmbadschwimmen" and
// "Freiwasserschwimmen" (id 19403686979); and a whole Activities.csv
// committed to a repository for each of:
//  da  Bjarke848/AI_TrainingPlanner, Activities.csv (id 45735575137): rows
//      "Løb", "Løb terræn", "Cykling", "Cykling på grusveje", "Svøm i pool",
//      "Svømning i åbent vand", "Styrketræning", "Gang", "Vandring"
//  sv  IsakJacobsson/garmin-extended-data, tests/testfiles/activities.csv
//      (id 45086847508): rows "Löpning", "Löpband", "Simbassäng",
//      "Styrketräning", "Konditionspass", "Vandring"
// A Finnish export was not found (searched 2026-12-05 and 2026-12-06): no
// table is made up.
const std::vector<Language>& languages() {
  static const std::vector<Language> kLanguages{
      {"de",
       {{"Aktivitätstyp", "Activity Type"},
        {"Datum", "Date"},
        {"Favorit", "Favorite"},
        {"Titel", "Title"},
        {"Distanz", "Distance"},
        {"Kalorien", "Calories"},
        {"Zeit", "Time"},
        {"Ø HF", "Avg HR"},
        {"Ø Herzfrequenz", "Avg HR"},
        {"Max. HF", "Max HR"},
        {"Maximale Herzfrequenz", "Max HR"},
        {"Ø Schrittfrequenz (Laufen)", "Avg Run Cadence"},
        {"Positiver Höhenunterschied", "Total Ascent"},
        {"Anstieg gesamt", "Total Ascent"},
        {"Ø Schrittlänge", "Avg Stride Length"},
        {"Schritte", "Steps"},
        {"Zeit in Bewegung", "Moving Time"},
        {"Verstrichene Zeit", "Elapsed Time"}}},
      {"fr",
       {{"Type d'activité", "Activity Type"},
        {"Date", "Date"},
        {"Favori", "Favorite"},
        {"Titre", "Title"},
        {"Distance", "Distance"},
        {"Durée", "Time"},
        {"Fréquence cardiaque moyenne", "Avg HR"},
        {"Fréquence cardiaque maximale", "Max HR"},
        {"Cadence de course moyenne", "Avg Run Cadence"},
        {"Ascension totale", "Total Ascent"},
        {"Longueur moyenne des foulées", "Avg Stride Length"},
        {"Pas", "Steps"},
        {"Temps de déplacement", "Moving Time"},
        {"Temps écoulé", "Elapsed Time"}}},
      {"es",
       {{"Tipo de actividad", "Activity Type"},
        {"Fecha", "Date"},
        {"Favorito", "Favorite"},
        {"Título", "Title"},
        {"Distancia", "Distance"},
        {"Tiempo", "Time"},
        {"Frecuencia cardiaca media", "Avg HR"},
        {"FC media", "Avg HR"},
        {"FC máxima", "Max HR"},
        {"Ascenso total", "Total Ascent"}}},
      {"it",
       {{"Tipo di attività", "Activity Type"},
        {"Data", "Date"},
        {"Preferita", "Favorite"},
        {"Titolo", "Title"},
        {"Distanza", "Distance"},
        {"Tempo", "Time"},
        {"FC Media", "Avg HR"},
        {"FC max", "Max HR"},
        {"Cadenza di corsa media", "Avg Run Cadence"},
        {"Ascesa totale", "Total Ascent"},
        {"Lunghezza media passo", "Avg Stride Length"}}},
      {"nl",
       {{"Activiteittype", "Activity Type"},
        {"Datum", "Date"},
        {"Favoriet", "Favorite"},
        {"Titel", "Title"},
        {"Afstand", "Distance"},
        {"Tijd", "Time"},
        {"Gem. HS", "Avg HR"},
        {"Max. HS", "Max HR"},
        {"Totale stijging", "Total Ascent"},
        {"Gem. staplengte", "Avg Stride Length"},
        {"Tijd bewogen", "Moving Time"},
        {"Verstreken tijd", "Elapsed Time"}}},
      {"no",
       {{"Aktivitetstype", "Activity Type"},
        {"Dato", "Date"},
        {"Favoritt", "Favorite"},
        {"Tittel", "Title"},
        {"Distanse", "Distance"},
        {"Tid", "Time"},
        {"Gjennomsnittlig puls", "Avg HR"},
        {"Makspuls", "Max HR"},
        {"Gjennomsnittlig frekvens for løping", "Avg Run Cadence"},
        {"Total stigning", "Total Ascent"},
        {"Gjennomsnittlig skrittlengde", "Avg Stride Length"},
        {"Tid i bevegelse", "Moving Time"},
        {"Medgått tid", "Elapsed Time"}}},
      {"pl",
       {{"Typ aktywności", "Activity Type"},
        {"Data", "Date"},
        {"Ulubiony", "Favorite"},
        {"Tytuł", "Title"},
        {"Dystans", "Distance"},
        {"Czas", "Time"},
        {"Średnie tętno", "Avg HR"},
        {"Maksymalne tętno", "Max HR"}}},
      {"pt",
       {{"Tipo de atividade", "Activity Type"},
        {"Data", "Date"},
        {"Favorito", "Favorite"},
        {"Título", "Title"},
        {"Distância", "Distance"},
        {"Tempo", "Time"},
        {"FC Média", "Avg HR"},
        {"FC máxima", "Max HR"},
        {"Subida total", "Total Ascent"},
        {"Comprimento médio da passada", "Avg Stride Length"},
        {"Passos", "Steps"},
        {"Tempo em movimento", "Moving Time"},
        {"Tempo transcorrido", "Elapsed Time"}}},
      // Danish shares Norwegian's "Aktivitetstype" and "Dato"; its "Favorit"
      // and "Titel" (Norwegian: "Favoritt", "Tittel") tell them apart. Its
      // cadence column is named after a swim cadence even over run rows, so
      // it is left unmapped rather than read as a run cadence.
      {"da",
       {{"Aktivitetstype", "Activity Type"},
        {"Dato", "Date"},
        {"Favorit", "Favorite"},
        {"Titel", "Title"},
        {"Distance", "Distance"},
        {"Tid", "Time"},
        {"Gennemsnitlig puls", "Avg HR"},
        {"Maks. puls", "Max HR"},
        {"Samlet stigning", "Total Ascent"},
        {"Gennemsnitlig skridtlængde", "Avg Stride Length"},
        {"Skridt", "Steps"},
        {"Tid i bevægelse", "Moving Time"},
        {"Tidsforbrug", "Elapsed Time"}}},
      {"sv",
       {{"Aktivitetstyp", "Activity Type"},
        {"Datum", "Date"},
        {"Favorit", "Favorite"},
        {"Namn", "Title"},
        {"Distans", "Distance"},
        {"Tid", "Time"},
        {"Medelpuls", "Avg HR"},
        {"Maxpuls", "Max HR"},
        {"Medellöpkadens", "Avg Run Cadence"},
        {"Total stigning", "Total Ascent"},
        {"Medelsteglängd", "Avg Stride Length"},
        {"Steg", "Steps"},
        {"Färdtid", "Moving Time"},
        {"Total tid", "Elapsed Time"}}},
  };
  return kLanguages;
}

// Sport names as the sources above show them in the type column.
constexpr std::array<Entry, 31> kSports{{
    {"Radfahren", "cycling"},                          // de, id 32346310390
    {"Laufen", "running"},                             // de, id 19403686979
    {"Schwimmbadschwimmen", "pool swimming"},          // de
    {"Freiwasserschwimmen", "open water swimming"},    // de
    {"Course à pied", "running"},                      // fr, id 66820762753
    {"Musculation", "strength training"},              // fr
    {"Randonnée", "hiking"},                           // fr
    {"Carrera", "running"},                            // es, id 56299621189
    {"Ciclismo", "cycling"},                           // es, id 71142726381
    {"Løping", "running"},                             // no, id 32559235747
    {"Bieganie", "running"},                           // pl, id 67107657606
    {"Chodzenie", "walking"},                          // pl
    {"Joga", "yoga"},                                  // pl
    {"Trening siłowy", "strength training"},           // pl
    {"Pływanie na basenie", "pool swimming"},          // pl
    {"Corrida", "running"},                            // pt, ids 54521192316, 54740283186
    {"Cardiovascular", "cardio"},                      // pt, id 55353737984
    {"Løb", "running"},                                // da, id 45735575137
    {"Løb terræn", "trail running"},                   // da
    {"Cykling", "cycling"},                            // da
    {"Cykling på grusveje", "gravel cycling"},         // da
    {"Svøm i pool", "pool swimming"},                  // da
    {"Svømning i åbent vand", "open water swimming"},  // da
    {"Styrketræning", "strength training"},            // da
    {"Gang", "walking"},                               // da
    {"Vandring", "hiking"},                            // da and sv
    {"Löpning", "running"},                            // sv, id 45086847508
    {"Löpband", "treadmill running"},                  // sv
    {"Simbassäng", "pool swimming"},                   // sv
    {"Styrketräning", "strength training"},            // sv
    {"Konditionspass", "cardio"},                      // sv
}};

}  // namespace

std::optional<TranslatedHeader> translate_garmin_header(const std::vector<std::string>& cells) {
  std::vector<std::string> normal;
  normal.reserve(cells.size());
  for (const auto& c : cells) normal.push_back(normalise_header(c));
  for (const Language& lang : languages()) {
    const auto has = [&](std::string_view english) {
      for (const Entry& e : lang.headers)
        if (e.english == english &&
            std::find(normal.begin(), normal.end(), normalise_header(e.local)) != normal.end())
          return true;
      return false;
    };
    // The language's own words for what makes the file a Garmin activity list.
    if (!has("Activity Type") || !has("Date") || !(has("Favorite") || has("Title"))) continue;
    TranslatedHeader out;
    out.language = std::string(lang.code);
    for (std::size_t i = 0; i < cells.size(); ++i) {
      std::string cell = cells[i];
      for (const Entry& e : lang.headers) {
        if (normalise_header(e.local) == normal[i]) {
          cell = std::string(e.english);
          break;
        }
      }
      out.cells.push_back(std::move(cell));
    }
    return out;
  }
  return std::nullopt;
}

std::optional<std::string_view> garmin_sport_in_english(std::string_view name) {
  const std::string n = normalise_header(name);
  for (const Entry& e : kSports)
    if (normalise_header(e.local) == n) return e.english;
  return std::nullopt;
}

}  // namespace stride::import::detail
