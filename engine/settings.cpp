#include "engine/settings.hpp"

#include <algorithm>
#include <cmath>

namespace stride::engine {

std::string_view to_string(Experience experience) {
  switch (experience) {
    case Experience::beginner:
      return "beginner";
    case Experience::intermediate:
      return "intermediate";
    case Experience::advanced:
      return "advanced";
  }
  return "?";
}

std::optional<Experience> parse_experience(std::string_view text) {
  for (auto e : {Experience::beginner, Experience::intermediate, Experience::advanced}) {
    if (to_string(e) == text) return e;
  }
  return std::nullopt;
}

StartingBaseline starting_baseline(Experience experience) {
  // Paces are a product default: only used to give a duration to the
  // distance baselines of LOAD-SCIENCE.md.
  switch (experience) {
    case Experience::beginner:
      return {5'000, 15'000, 420};
    case Experience::intermediate:
      return {10'000, 30'000, 360};
    case Experience::advanced:
      return {16'000, 50'000, 300};
  }
  return {10'000, 30'000, 360};
}

std::string_view to_string(EwmaDecay decay) {
  switch (decay) {
    case EwmaDecay::two_over_n_plus_1:
      return "2/(n+1)";
    case EwmaDecay::exponential:
      return "1-exp(-1/n)";
    case EwmaDecay::one_over_n:
      return "1/n";
  }
  return "?";
}

std::optional<EwmaDecay> parse_ewma_decay(std::string_view text) {
  for (auto d : {EwmaDecay::two_over_n_plus_1, EwmaDecay::exponential, EwmaDecay::one_over_n}) {
    if (to_string(d) == text) return d;
  }
  return std::nullopt;
}

double ewma_lambda(EwmaDecay decay, int days) {
  const double n = days;
  switch (decay) {
    case EwmaDecay::two_over_n_plus_1:
      return 2.0 / (n + 1.0);
    case EwmaDecay::exponential:
      return 1.0 - std::exp(-1.0 / n);
    case EwmaDecay::one_over_n:
      return 1.0 / n;
  }
  return 2.0 / (n + 1.0);
}

std::string_view to_string(Sex sex) { return sex == Sex::male ? "male" : "female"; }

std::optional<Sex> parse_sex(std::string_view text) {
  if (text == "male") return Sex::male;
  if (text == "female") return Sex::female;
  return std::nullopt;
}

int Settings::consecutive_run_days_limit() const {
  if (max_consecutive_run_days) return *max_consecutive_run_days;
  switch (experience) {
    case Experience::beginner:
      return 3;
    case Experience::intermediate:
      return 5;
    case Experience::advanced:
      return 6;
  }
  return 5;
}

int Settings::full_rest_days_required() const {
  if (full_rest_days) return *full_rest_days;
  return experience == Experience::beginner ? 2 : 1;
}

bool Settings::is_hard(Surface surface) const {
  // A treadmill belt is not ground underfoot, whatever the list says.
  if (surface == Surface::treadmill) return false;
  return std::find(hard_surfaces.begin(), hard_surfaces.end(), surface) != hard_surfaces.end();
}

double Settings::retirement_m_for(std::string_view shoe) const {
  for (const auto& s : shoes) {
    if (s.name == shoe) return s.retirement_m;
  }
  return shoe_retirement_m;
}

}  // namespace stride::engine
