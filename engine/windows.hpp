#pragma once
/// The day windows of the load model, named once (LOAD-SCIENCE.md "The rules
/// and their defaults"). The evaluator, the figures, the report and the
/// planner read these, so a window means the same everywhere.

#include <date/date.h>

namespace stride::engine {

/// The acute week: the 7 days ending with the evaluated day.
inline constexpr int kWeekDays = 7;
/// The chronic window: 28 days (4 weeks) of history; also the length of
/// history below which the experience level lends a starting baseline.
inline constexpr int kChronicDays = 28;
inline constexpr int kChronicWeeks = kChronicDays / kWeekDays;
/// The single-run spikes compare with the longest run of this many days.
inline constexpr int kLongestRunDays = 30;
/// The first days of a history on which the weekly rules are not judged:
/// there is no week before them.
inline constexpr int kFirstWeekDays = kWeekDays;
/// How far back a series must reach for every rule window (the weekly
/// spikes read the 7 days, the 7 before and the 28 before those: 42 days).
inline constexpr int kLookbackDays = 60;
/// A repeated, unchanged streak alarm (`no-rest-day`,
/// `consecutive-run-days`) is listed at most once in this many days.
inline constexpr int kRepeatQuietDays = 7;

inline constexpr date::days kWeek{kWeekDays};
inline constexpr date::days kChronic{kChronicDays};
inline constexpr date::days kLongestRun{kLongestRunDays};
inline constexpr date::days kLookback{kLookbackDays};

}  // namespace stride::engine
