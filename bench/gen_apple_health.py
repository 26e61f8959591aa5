#!/usr/bin/env python3
"""Writes a synthetic Apple Health export.xml of a realistic mix, for the
import benchmark (bench/apple_health_bench.sh):

  heart rate every HR_EVERY seconds (default 120), active and basal energy
  every minute, steps every 5 minutes, a 45-minute run or walk every other
  day (with its own heart-rate records every 5 s) — for YEARS years.

At the defaults 5 years is about 2 GB. Usage: gen_apple_health.py OUT YEARS [HR_EVERY]
"""
import sys
import time

out_path = sys.argv[1]
years = float(sys.argv[2])
hr_every = int(sys.argv[3]) if len(sys.argv) > 3 else 120
start = 1577836800  # 2020-01-01T00:00:00Z
end = start + int(years * 365 * 86400)


def d(t):
    return time.strftime('%Y-%m-%d %H:%M:%S +0100', time.gmtime(t + 3600))


REC = (' <Record type="{}" sourceName="Apple Watch" sourceVersion="9.1" device="&lt;&lt;HKDevice: '
       '0x2829c1e50&gt;, name:Apple Watch, manufacturer:Apple Inc., model:Watch, hardware:Watch6,2, '
       'software:9.1&gt;" unit="{}" creationDate="{}" startDate="{}" endDate="{}" value="{}"/>\n')

with open(out_path, 'w') as f:
    f.write('<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE HealthData [\n'
            '<!ELEMENT HealthData (ExportDate,Me,(Record|Correlation|Workout|ActivitySummary)*)>\n'
            '<!ATTLIST HealthData locale CDATA #REQUIRED>\n]>\n'
            '<HealthData locale="en_CH">\n <ExportDate value="2025-01-01 10:00:00 +0100"/>\n'
            ' <Me HKCharacteristicTypeIdentifierDateOfBirth="1985-03-01"/>\n')
    day = 86400
    workouts = []
    for t0 in range(start, end, day):
        buf = []
        if ((t0 - start) // day) % 2 == 0:
            w = t0 + 7 * 3600
            workouts.append(w)
        for t in range(t0, t0 + day, hr_every):
            buf.append(REC.format('HKQuantityTypeIdentifierHeartRate', 'count/min', d(t), d(t), d(t),
                                  60 + (t // 60) % 50))
        for t in range(t0, t0 + day, 60):
            buf.append(REC.format('HKQuantityTypeIdentifierActiveEnergyBurned', 'kcal', d(t), d(t),
                                  d(t + 60), 0.85))
            buf.append(REC.format('HKQuantityTypeIdentifierBasalEnergyBurned', 'kcal', d(t), d(t),
                                  d(t + 60), 1.1))
        for t in range(t0, t0 + day, 300):
            buf.append(REC.format('HKQuantityTypeIdentifierStepCount', 'count', d(t), d(t),
                                  d(t + 300), 120))
        if workouts and workouts[-1] >= t0:
            w = workouts[-1]
            for t in range(w, w + 2700, 5):
                buf.append(REC.format('HKQuantityTypeIdentifierHeartRate', 'count/min', d(t), d(t),
                                      d(t), 130 + (t // 5) % 30))
        f.write(''.join(buf))
    for i, w in enumerate(workouts):
        kind = 'Running' if i % 3 else 'Walking'
        f.write(' <Workout workoutActivityType="HKWorkoutActivityType{}" duration="45" '
                'durationUnit="min" sourceName="Apple Watch" creationDate="{}" startDate="{}" '
                'endDate="{}">\n  <MetadataEntry key="HKTimeZone" value="Europe/Zurich"/>\n'
                '  <WorkoutStatistics type="HKQuantityTypeIdentifierDistanceWalkingRunning" '
                'startDate="{}" endDate="{}" sum="{:.2f}" unit="km"/>\n </Workout>\n'.format(
                    kind, d(w + 2700), d(w), d(w + 2700), d(w), d(w + 2700),
                    8.5 if kind == 'Running' else 4.0))
    f.write('</HealthData>\n')
