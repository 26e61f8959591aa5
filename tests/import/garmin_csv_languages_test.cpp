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

TEST_CASE("garmin csv: Danish, with Tid in h:mm", "[import][csv][garmin-csv]") {
  // Rows of the Danish export named in garmin_csv_languages.cpp, whole.
  const auto r = parse(
      "Aktivitetstype,Dato,Favorit,Titel,Distance,Kalorier,Tid,Gennemsnitlig puls,Maks. puls,"
      "Aerob TE,Gennemsnitlig svømmekadence,Maksimum svømmekadence,Gennemsnitstempo,"
      "Bedste tempo,Samlet stigning,Samlet nedstigning,Gennemsnitlig skridtlængde,"
      "Gennemsnitligt vertikalt forhold,Gennemsnitligt vertikalt udsving,"
      "Gennemsnitlig kontakt med jorden,Gennemsnitlig GCT-balance,Gennemsnitlig NJT,"
      "Normalized Power® (NP®),Training Stress Score®,Gennemsnitlig effekt,Maksimal effekt,"
      "Samlet antal svømmetag,Gennemsnitlig swolf,Gennemsnitlig hastighed for tag,Skridt,"
      "Samlet antal sæt,Afladning af Body Battery,Minimum temperatur,Dekompression,"
      "Tid for bedste omgang,Antal omgange,Maksimum temperatur,Gns. antal åndedrag,"
      "Min. antal åndedrag,Maks. antal åndedrag,Tid i bevægelse,Tidsforbrug,Minimum højde,"
      "Maksimal højde\n"
      "Svøm i pool,2025-11-01 12:19:11,false,\"Svøm i pool\",\"1,500\",\"457\",\"0:45\","
      "\"131\",\"169\",\"2.2\",\"--\",\"--\",\"2:40\",\"0:50\",\"--\",\"--\",\"--\",\"--\","
      "\"--\",\"--\",\"--\",\"--\",\"--\",\"0.0\",\"--\",\"--\",\"1093\",\"58\",\"27\",\"--\","
      "\"--\",\"--\",\"--\",\"Nej\",\"00:00:18.3\",\"15\",\"--\",\"--\",\"--\",\"--\","
      "\"00:39:58\",\"00:45:17\",\"--\",\"--\"\n"
      "Løb,2025-11-01 10:19:32,false,\"Skanderborg - Langt løb\",\"11.18\",\"888\",\"1:02\","
      "\"159\",\"179\",\"3.5\",\"165\",\"185\",\"5:29\",\"4:13\",\"92\",\"91\",\"1.11\","
      "\"10.0\",\"11.3\",\"266\",\"51.5% V / 48.5% H\",\"5:26\",\"407\",\"0.0\",\"400\","
      "\"622\",\"--\",\"--\",\"--\",\"10,004\",\"--\",\"-15\",\"--\",\"Nej\",\"00:06:08.5\","
      "\"3\",\"--\",\"36\",\"18\",\"51\",\"01:01:12\",\"01:01:18\",\"35\",\"80\"\n"
      "Løb terræn,2025-10-04 10:59:35,false,\"Syddjurs Løb terræn\",\"3.58\",\"699\",\"0:47\","
      "\"169\",\"196\",\"3.6\",\"102\",\"255\",\"12:58\",\"4:56\",\"223\",\"223\",\"0.84\","
      "\"11.9\",\"9.1\",\"383\",\"50.1% V / 49.9% H\",\"12:01\",\"329\",\"0.0\",\"199\","
      "\"1,230\",\"--\",\"--\",\"--\",\"4,224\",\"--\",\"-12\",\"--\",\"Nej\",\"00:08:08.6\","
      "\"4\",\"--\",\"38\",\"24\",\"44\",\"00:33:53\",\"00:46:27\",\"-7\",\"52\"\n"
      "Løb,2025-09-06 09:30:03,false,\"Morsø Løb\",\"161.97\",\"12,420\",\"23:00\",\"140\","
      "\"180\",\"5.0\",\"136\",\"255\",\"8:31\",\"4:18\",\"1,273\",\"1,273\",\"0.86\",\"9.5\","
      "\"8.4\",\"355\",\"50.5% V / 49.5% H\",\"8:28\",\"281\",\"0.0\",\"232\",\"488\",\"--\","
      "\"--\",\"--\",\"185,080\",\"--\",\"-48\",\"--\",\"Nej\",\"00:15:05\",\"33\",\"--\","
      "\"30\",\"12\",\"49\",\"21:18:31\",\"22:59:35\",\"-2\",\"93\"\n"
      "Cykling på grusveje,2025-09-29 05:58:57,false,"
      "\"Skanderborg Cykling på grusveje/ikke brolagte veje\",\"23.04\",\"841\",\"1:07\","
      "\"148\",\"167\",\"3.5\",\"--\",\"--\",\"20.9\",\"49.1\",\"130\",\"172\",\"--\",\"--\","
      "\"--\",\"--\",\"--\",\"--\",\"--\",\"0.0\",\"--\",\"--\",\"--\",\"--\",\"--\",\"--\","
      "\"--\",\"-16\",\"--\",\"Nej\",\"00:06:22.3\",\"5\",\"--\",\"31\",\"21\",\"38\","
      "\"00:59:37\",\"01:06:12\",\"0\",\"84\"\n");
  // Tid is the timer time to the minute; the swim's 1,500 is metres.
  check(r, {{engine::Sport::swim, 1500, 45 * 60, 131},
            {engine::Sport::run, 11180, 62 * 60, 159},
            {engine::Sport::trail_run, 3580, 47 * 60, 169},
            {engine::Sport::run, 161970, 23 * 3600, 140},
            {engine::Sport::ride, 23040, 67 * 60, 148}});
  CHECK(r.activities[1].elapsed_s == Approx(3678));
  CHECK(r.activities[1].elevation_gain_m == Approx(92));
  CHECK(r.activities[3].elevation_gain_m == Approx(1273));
  CHECK(r.activities[1].max_hr_bpm == 179);
}

TEST_CASE("garmin csv: Swedish", "[import][csv][garmin-csv]") {
  // Rows of the Swedish export named in garmin_csv_languages.cpp, whole.
  const auto r = parse(
      "Aktivitetstyp,Datum,Favorit,Namn,Distans,Kalorier,Tid,Medelpuls,Maxpuls,"
      "Aerobisk Training Effect,Medellöpkadens,Maximal löpkadens,Medeltempo,Bästa tempo,"
      "Total stigning,Totalt nedför,Medelsteglängd,Medelvärde för vertikal kvot,"
      "Medelvärde för vertikal rörelse,Medeltid för markkontakt,Medelkontakttidsbalans,"
      "Medelvärde GAP,Normalized Power® (NP®),Training Stress Score®,Med. kraft,Maxkraft,"
      "Totalt antal årtag,Medel-Swolf,Medelårtagstempo,Steg,Totalt antal repetitioner,"
      "Totalt antal set,Urladdning av Body Battery,Minsta temperatur,Dekompression,"
      "Bästa varvtid,Antal varv,Maximal temperatur,Genomsnittlig andning,"
      "Minsta andningshastighet,Maximal andningshastighet,Stressändring,Start för stress,"
      "Slut för stress,Medestress,Maxbelastning,Färdtid,Total tid,Min. höjd,Max. höjd\n"
      "Löpning,2026-01-19 18:05:42,true,\" Väldigt konstigt namn.  \",\"7.34\",\"490\","
      "\"00:46:46\",\"133\",\"170\",\"3.1\",\"135\",\"248\",\"6:22\",\"2:34\",\"72\",\"59\","
      "\"1.13\",\"7.0\",\"8.1\",\"277\",\"50.6% vänster/49.4% höger\",\"6:14\",\"346\","
      "\"0.0\",\"256\",\"618\",\"--\",\"--\",\"--\",\"6,234\",\"--\",\"--\",\"-6\",\"4.0\","
      "\"Ja\",\"00:00:56.9\",\"10\",\"28.0\",\"31\",\"18\",\"45\",\"--\",\"--\",\"--\",\"--\","
      "\"--\",\"00:38:47\",\"00:46:48\",\"44\",\"69\"\n"
      "Simbassäng,2026-01-19 10:20:16,false,\"Simbassäng\",\"1,000\",\"223\",\"00:24:09\","
      "\"146\",\"169\",\"--\",\"--\",\"--\",\"2:13\",\"1:27\",\"--\",\"--\",\"--\",\"--\","
      "\"--\",\"--\",\"--\",\"--\",\"--\",\"0.0\",\"--\",\"--\",\"635\",\"98\",\"29\",\"--\","
      "\"--\",\"--\",\"--\",\"--\",\"Nej\",\"00:00:10.9\",\"15\",\"--\",\"--\",\"--\",\"--\","
      "\"--\",\"--\",\"--\",\"--\",\"--\",\"00:22:10\",\"00:25:00\",\"--\",\"--\"\n"
      "Konditionspass,2026-01-13 18:35:29,false,\"CardioCross\",\"0.00\",\"640\",\"00:56:26\","
      "\"140\",\"173\",\"3.2\",\"--\",\"--\",\"--\",\"--\",\"--\",\"--\",\"--\",\"--\",\"--\","
      "\"--\",\"--\",\"--\",\"--\",\"0.0\",\"--\",\"--\",\"--\",\"--\",\"--\",\"3,338\",\"--\","
      "\"--\",\"-6\",\"--\",\"Nej\",\"00:00:48.1\",\"6\",\"--\",\"--\",\"--\",\"--\",\"--\","
      "\"--\",\"--\",\"--\",\"--\",\"00:00:00\",\"00:56:47\",\"--\",\"--\"\n"
      "Löpband,2026-01-13 18:18:04,false,\"Löpband\",\"2.42\",\"134\",\"00:11:08\",\"131\","
      "\"140\",\"2.0\",\"162\",\"169\",\"4:36\",\"4:21\",\"--\",\"--\",\"1.34\",\"7.9\","
      "\"10.6\",\"255\",\"--\",\"--\",\"348\",\"0.0\",\"341\",\"376\",\"--\",\"--\",\"--\","
      "\"1,816\",\"--\",\"--\",\"-2\",\"--\",\"Nej\",\"00:11:08\",\"1\",\"--\",\"--\",\"--\","
      "\"--\",\"--\",\"--\",\"--\",\"--\",\"--\",\"00:10:57\",\"00:11:08\",\"--\",\"--\"\n"
      "Vandring,2026-01-04 12:29:10,false,\"Simrishamn Vandring\",\"2.56\",\"325\","
      "\"00:47:23\",\"107\",\"138\",\"1.8\",\"73\",\"145\",\"18:30\",\"8:56\",\"110\",\"105\","
      "\"0.74\",\"--\",\"--\",\"--\",\"--\",\"--\",\"--\",\"0.0\",\"--\",\"--\",\"--\",\"--\","
      "\"--\",\"4,168\",\"--\",\"--\",\"-6\",\"--\",\"Nej\",\"00:47:23\",\"1\",\"--\",\"--\","
      "\"--\",\"--\",\"--\",\"--\",\"--\",\"--\",\"--\",\"00:34:46\",\"00:47:23\",\"28\","
      "\"98\"\n");
  check(r, {{engine::Sport::run, 7340, 46 * 60 + 46, 133},
            {engine::Sport::swim, 1000, 24 * 60 + 9, 146},
            {engine::Sport::other, 0, 56 * 60 + 26, 140},
            {engine::Sport::treadmill_run, 2420, 11 * 60 + 8, 131},
            {engine::Sport::hike, 2560, 47 * 60 + 23, 107}});
  CHECK(r.activities[0].name == "Väldigt konstigt namn.");
  CHECK(r.activities[0].avg_cadence_spm == Approx(135));
  CHECK(r.activities[0].elevation_gain_m == Approx(72));
  CHECK(r.activities[0].elapsed_s == Approx(46 * 60 + 48));
}

TEST_CASE("garmin csv: a localised file that is not an activity list still fails",
          "[import][csv][garmin-csv]") {
  // Danish-looking words for a per-second stream: no Garmin language matches.
  CHECK_THROWS_WITH(parse("Tid,Puls,Hastighed\n00:00:01,120,3.1\n00:00:02,121,3.2\n"),
                    Contains("no date and distance columns"));
}
