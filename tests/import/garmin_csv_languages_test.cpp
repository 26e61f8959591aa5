// Garmin Connect's Activities.csv in the UI languages: headers and rows as the
// real exports quoted in import/detail/garmin_csv_languages.cpp show them.
#include <cmath>

#include "import/csv.hpp"
#include "tests/support/catch.hpp"

using namespace stride;
using Catch::Matchers::Contains;

namespace {

import::ParseResult parse(const std::string& csv){import::ParseContext ctx;
ctx.display_name = "Activities.csv";
return import::parse_csv(csv, ctx);
}  // namespace

struct Expected {
  engine::Sport sport;
  double distance_m;
  double moving_s;
  double avg_hr;
};

void check(const import::ParseResult& r, const std::vector<Expected>& want) {
  REQUIRE(r.activities.size() == want.size());
  for (std::size_t i = 0; i < want.size(); ++i) {
    INFO("row " << i + 2);
    const auto& a = r.activities[i];
    CHECK(a.sport == want[i].sport);
    CHECK(a.distance_m == Approx(want[i].distance_m));
    CHECK(a.moving_s == Approx(want[i].moving_s));
    if (std::isnan(want[i].avg_hr))
      CHECK(std::isnan(a.avg_hr_bpm));
    else
      CHECK(a.avg_hr_bpm == Approx(want[i].avg_hr));
  }
}

}  // namespace

TEST_CASE("garmin csv: German", "[import][csv][garmin-csv]") {
  const auto r = parse(
      "Aktivitätstyp,Datum,Favorit,Titel,Distanz,Kalorien,Zeit,Ø HF,Max. HF,Aerober TE,"
      "Ø Schrittfrequenz (Laufen),Max. Schrittfrequenz (Laufen),Ø Geschwindigkeit,"
      "Maximale Geschwindigkeit,Positiver Höhenunterschied,Negativer Höhenunterschied\n"
      "Radfahren,2017-04-22 13:12:32,false,\"Monschau Radfahren\",\"42.02\",\"2,336\","
      "\"03:51:46\",\"139\",\"181\",\"3.3\",\"--\",\"--\",\"10.9\",\"45.6\",\"933\",\"885\"\n");
  check(r, {{engine::Sport::ride, 42020, 3 * 3600 + 51 * 60 + 46, 139}});
  CHECK(r.activities[0].max_hr_bpm == 181);
  CHECK(r.activities[0].elevation_gain_m == Approx(933));
  CHECK(r.activities[0].name == "Monschau Radfahren");
}

TEST_CASE("garmin csv: French", "[import][csv][garmin-csv]") {
  const auto r = parse(
      "Type d'activité,Date,Favori,Titre,Distance,Calories,Durée,"
      "Fréquence cardiaque moyenne,Fréquence cardiaque maximale,TE aérobie,"
      "Cadence de course moyenne,Ascension totale,Descente totale,Pas,"
      "Consommation du Body Battery,Température minimale,Temps de déplacement\n"
      "Course à pied,2026-08-10 10:52:21,false,\"Sortie du matin\",\"3.95\",\"407\",\"00:35:20\","
      "\"151\",\"182\",\"3.3\",\"121\",\"7\",\"5\",\"4,404\",\"'-12\",\"31.0\",\"00:35:08\"\n"
      "Musculation,2026-06-20 10:04:15,false,\"Musculation\",\"0.00\",\"540\",\"00:57:59\","
      "\"129\",\"164\",\"3.2\",\"--\",\"--\",\"--\",\"--\",\"'-17\",\"--\",\"00:50:21\"\n"
      "Randonnée,2026-05-16 13:18:54,false,\"Randonnée en forêt\",\"9.70\",\"943\","
      "\"02:49:38\",\"105\",\"159\",\"2.9\",\"65\",\"322\",\"329\",\"14,020\",\"'-30\",\"--\","
      "\"02:20:00\"\n");
  // Durée is Garmin's Time (the timer); Temps de déplacement is its Moving Time.
  check(r, {{engine::Sport::run, 3950, 35 * 60 + 20, 151},
            {engine::Sport::strength, 0, 57 * 60 + 59, 129},
            {engine::Sport::hike, 9700, 2 * 3600 + 49 * 60 + 38, 105}});
  CHECK(r.activities[0].elevation_gain_m == Approx(7));
  CHECK(r.activities[0].avg_cadence_spm == Approx(121));
}

TEST_CASE("garmin csv: Spanish, with decimal commas", "[import][csv][garmin-csv]") {
  const auto r = parse(
      "Tipo de actividad,Fecha,Título,Distancia,Tiempo,FC media,FC máxima,Calorías,"
      "ID de actividad\n"
      "Carrera,2026-07-01 08:30:00,Carrera matinal,\"5,25\",00:30:30,140,165,300,12345\n"
      "Ciclismo,2026-02-04 07:00:00,Bici,\"20,5\",01:00:00,130,160,600,987650202\n");
  check(r, {{engine::Sport::run, 5250, 1830, 140}, {engine::Sport::ride, 20500, 3600, 130}});
}

TEST_CASE("garmin csv: Italian", "[import][csv][garmin-csv]") {
  const auto r = parse(
      "Tipo di attività,Data,Preferita,Titolo,Distanza,Calorie,Tempo,FC Media,FC max,"
      "TE attività aerobica,Cadenza di corsa media,Cadenza di corsa max,Passo medio,"
      "Passo migliore,Ascesa totale,Discesa totale,Lunghezza media passo\n"
      "Running,2023-03-05 09:12:00,false,\"Milano Corsa\",\"12.34\",\"850\",\"01:02:03\","
      "\"148\",\"171\",\"3.1\",\"170\",\"184\",\"5:02\",\"4:31\",\"88\",\"90\",\"1.13\"\n");
  check(r, {{engine::Sport::run, 12340, 3723, 148}});
  CHECK(r.activities[0].elevation_gain_m == Approx(88));
}

TEST_CASE("garmin csv: Dutch", "[import][csv][garmin-csv]") {
  const auto r = parse(
      "Activiteittype,Datum,Favoriet,Titel,Afstand,Calorieën,Tijd,Gem. HS,Max. HS,Aeroob TE,"
      "Totale stijging,Totale daling,Gem. staplengte,Tijd bewogen,Verstreken tijd\n"
      "Running,2022-10-02 10:00:00,false,\"Zondagsloop\",\"15,10\",\"1.020\",\"01:20:00\","
      "\"145\",\"168\",\"3,0\",\"40\",\"38\",\"1,05\",\"01:19:30\",\"01:22:00\"\n");
  check(r, {{engine::Sport::run, 15100, 4800, 145}});
  CHECK(r.activities[0].elapsed_s == Approx(4920));
}

TEST_CASE("garmin csv: Norwegian, with decimal commas", "[import][csv][garmin-csv]") {
  const auto r = parse(
      "Aktivitetstype,Dato,Favoritt,Tittel,Distanse,Totale kalorier,Tid,Gjennomsnittlig puls,"
      "Makspuls,Aerob treningseffekt,Gjennomsnittlig frekvens for løping,Total stigning\n"
      "Løping,2024-05-17 09:30:00,false,\"17. mai-løpet\",\"10,02\",\"650\",\"00:48:30\","
      "\"162\",\"181\",\"3,8\",\"174\",\"35\"\n");
  check(r, {{engine::Sport::run, 10020, 2910, 162}});
  CHECK(r.activities[0].avg_cadence_spm == Approx(174));
}

TEST_CASE("garmin csv: Polish", "[import][csv][garmin-csv]") {
  const auto r = parse(
      "Typ aktywności,Data,Ulubiony,Tytuł,Dystans,Suma kalorii,Czas,Średnie tętno,"
      "Maksymalne tętno\n"
      "Bieganie,2026-01-01 10:00:00,false,\"Bieg\",\"5.00\",\"400\",\"00:30:00\",\"155\",\"175\"\n"
      "Chodzenie,2026-01-04 10:00:00,false,\"Spacer\",\"2.50\",\"100\",\"00:30:00\",\"100\","
      "\"120\"\n"
      "Joga,2026-01-05 10:00:00,false,\"Joga\",\"--\",\"50\",\"00:30:00\",\"--\",\"--\"\n");
  check(r, {{engine::Sport::run, 5000, 1800, 155},
            {engine::Sport::walk, 2500, 1800, 100},
            {engine::Sport::other, 0, 1800, engine::kNoValue}});
}

TEST_CASE("garmin csv: Portuguese", "[import][csv][garmin-csv]") {
  const auto r = parse(
      "Tipo de atividade,Data,Favorito,Título,Distância,Calorias,Tempo,FC Média,FC máxima,"
      "Subida total,Descida total,Comprimento médio da passada,Passos,Tempo em movimento,"
      "Tempo transcorrido\n"
      "Corrida,2026-05-28 16:17:36,false,\"Santo Angelo Corrida\",\"7.47\",\"520\","
      "\"00:50:39\",\"147\",\"164\",\"30\",\"28\",\"0.91\",\"8,210\",\"00:50:00\",\"00:52:10\"\n");
  check(r, {{engine::Sport::run, 7470, 3039, 147}});
  CHECK(r.activities[0].elapsed_s == Approx(3130));
}

TEST_CASE("garmin csv: a localised file that is not an activity list still fails",
          "[import][csv][garmin-csv]") {
  // Danish-looking words for a per-second stream: no Garmin language matches.
  CHECK_THROWS_WITH(parse("Tid,Puls,Hastighed\n00:00:01,120,3.1\n00:00:02,121,3.2\n"),
                    Contains("no date and distance columns"));
}
