#!/usr/bin/env python3
"""Writes the account-export fixtures the import tests read, following each
format's published structure:

  garmin-export/            Garmin Connect "Export your data", unpacked:
    DI_CONNECT/DI-Connect-Fitness/runner@example.com_0_summarizedActivities.json
    DI_CONNECT/DI-Connect-Uploaded-Files/UploadedFiles_0-_Part1.zip (FIT files)
    DI_CONNECT/DI-Connect-Wellness/... (not activity data; deliberately not JSON)
  garmin-export.zip         the same, zipped as Garmin delivers it
  garmin-damaged.zip        the summaries and a nested zip cut short
  apple_health_export/      Apple Health's export, unpacked: export.xml and
                            workout-routes/*.gpx
  export.zip                the same, zipped as the Health app shares it
  strava-export/            a Strava bulk export holding the phone's GPX of the
                            Garmin export's RUN_A (the same run, twice recorded)

Figures the tests check are the ones written here (comments beside each one).
Run: python3 tests/data/exports/make_exports.py
"""
import io
import json
import os
import shutil
import struct
import sys
import zipfile

HERE = os.path.dirname(os.path.abspath(__file__))
FIT_EPOCH = 631065600  # 1989-12-31T00:00:00Z in Unix seconds
SEMI = 2**31 / 180.0

# ---------------------------------------------------------------- FIT writer
_CRC_TABLE = [0x0000, 0xCC01, 0xD801, 0x1400, 0xF001, 0x3C00, 0x2800, 0xE401,
              0xA001, 0x6C00, 0x7800, 0xB401, 0x5000, 0x9C01, 0x8801, 0x4400]


def fit_crc(data, crc=0):
    for byte in data:
        tmp = _CRC_TABLE[crc & 0xF]
        crc = (crc >> 4) & 0x0FFF
        crc = crc ^ tmp ^ _CRC_TABLE[byte & 0xF]
        tmp = _CRC_TABLE[crc & 0xF]
        crc = (crc >> 4) & 0x0FFF
        crc = crc ^ tmp ^ _CRC_TABLE[(byte >> 4) & 0xF]
    return crc


# base types: (code, struct format)
ENUM, UINT8, UINT16, UINT32, SINT32 = (0x00, 'B'), (0x02, 'B'), (0x84, 'H'), (0x86, 'I'), (0x85, 'i')


class Fit:
    """Little-endian FIT messages; one local type per global message."""

    def __init__(self):
        self.body = bytearray()
        self.local = {}

    def message(self, global_num, fields):
        """fields: list of (field number, base type, value)."""
        key = (global_num, tuple((n, t) for n, t, _ in fields))
        if key not in self.local:
            lt = len(self.local) % 16
            self.local[key] = lt
            self.body += struct.pack('<BBBHB', 0x40 | lt, 0, 0, global_num, len(fields))
            for n, t, _ in fields:
                self.body += struct.pack('<BBB', n, struct.calcsize('<' + t[1]), t[0])
        self.body.append(self.local[key])
        for _, t, v in fields:
            self.body += struct.pack('<' + t[1], v)

    def bytes(self):
        header = struct.pack('<BBHI4s', 14, 0x20, 2132, len(self.body), b'.FIT')
        header += struct.pack('<H', fit_crc(header))
        data = header + bytes(self.body)
        return data + struct.pack('<H', fit_crc(data))


def fit_ts(unix_s):
    return int(unix_s - FIT_EPOCH)


def write_fit(sessions, offset_s):
    """sessions: list of dicts start (unix s), seconds, metres, sport, sub_sport,
    hr, lat, lon. One record per 10 s; an activity message with local_timestamp."""
    f = Fit()
    first = sessions[0]['start']
    f.message(0, [(0, ENUM, 4), (1, UINT16, 1), (4, UINT32, fit_ts(first))])
    for s in sessions:
        n = s['seconds'] // 10
        for i in range(n + 1):
            t = s['start'] + 10 * i
            d = s['metres'] * i / n
            f.message(20, [(253, UINT32, fit_ts(t)),
                           (0, SINT32, int((s['lat'] + 0.0001 * i) * SEMI)),
                           (1, SINT32, int(s['lon'] * SEMI)),
                           (3, UINT8, s['hr']),
                           (5, UINT32, int(round(d * 100)))])
        end = s['start'] + s['seconds']
        f.message(18, [(253, UINT32, fit_ts(end)), (2, UINT32, fit_ts(s['start'])),
                       (7, UINT32, s['seconds'] * 1000), (8, UINT32, s['seconds'] * 1000),
                       (9, UINT32, s['metres'] * 100), (5, ENUM, s['sport']),
                       (6, ENUM, s['sub_sport']), (16, UINT8, s['hr'])])
    last = sessions[-1]
    end = last['start'] + last['seconds']
    f.message(34, [(253, UINT32, fit_ts(end)), (1, UINT16, len(sessions)),
                   (5, UINT32, fit_ts(end + offset_s))])
    return f.bytes()


# ------------------------------------------------------------ Garmin export
def unix(y, mo, d, h, mi, s=0):
    import calendar
    return calendar.timegm((y, mo, d, h, mi, s))


# 2024-04-06 07:00:00Z, Zurich (+02:00): a trail run with a FIT and a summary.
RUN_A = unix(2024, 4, 6, 7, 0)
# 2024-04-07 22:30:00Z in New York (-04:00): summary only, local date 2024-04-07.
RUN_B = unix(2024, 4, 7, 22, 30)
# 2024-04-09 16:00:00Z: a FIT nobody summarised.
RUN_C = unix(2024, 4, 9, 16, 0)
# 2024-04-13 08:00:00Z: multisport, run 20 min then ride 40 min.
MULTI = unix(2024, 4, 13, 8, 0)


def garmin_summaries():
    def entry(aid, name, key, start, offset_s, dist_m, secs, **extra):
        e = {"activityId": aid, "uuid": {"mostSignificantBits": aid, "leastSignificantBits": 1},
             "name": name, "activityType": key, "userProfileId": 1,
             "timeZoneId": 124, "beginTimestamp": start * 1000,
             "startTimeGmt": start * 1000, "startTimeLocal": (start + offset_s) * 1000,
             "duration": secs * 1000.0, "elapsedDuration": (secs + 30) * 1000.0,
             "movingDuration": (secs - 20) * 1000.0, "distance": dist_m * 100.0,
             "sportType": "RUNNING", "deviceId": 3960000000, "manufacturer": "GARMIN",
             "lapCount": 1, "calories": 500.0}
        e.update(extra)
        return e
    return [{"summarizedActivitiesExport": [
        entry(1001, "Üetliberg trail", "trail_running", RUN_A, 7200, 10000, 3600,
              avgHr=151.0, maxHr=178.0, elevationGain=45000.0, avgRunCadence=84.0),
        entry(1002, "Treadmill intervals", "treadmill_running", RUN_B, -4 * 3600, 8046.72, 2400,
              avgHr=160.0, maxHr=182.0, avgDoubleCadence=176.0, elevationGain=0.0),
        entry(1010, "Duathlon", "multi_sport", MULTI, 7200, 25000, 3600, parent=True,
              childIds=[1011, 1012]),
        entry(1011, "Duathlon", "running", MULTI, 7200, 5000, 1200, parentId=1010),
        entry(1012, "Duathlon", "road_biking", MULTI + 1200, 7200, 20000, 2400, parentId=1010),
    ]}]


def member(name):
    """A zip entry with a fixed date, so the fixtures are the same bytes on every run."""
    info = zipfile.ZipInfo(name, (2024, 5, 1, 12, 0, 0))
    info.compress_type = zipfile.ZIP_DEFLATED
    return info


def garmin_uploads():
    z = io.BytesIO()
    with zipfile.ZipFile(z, 'w', zipfile.ZIP_DEFLATED) as zf:
        zf.writestr(member('runner@example.com_2001.fit'), write_fit(
            [dict(start=RUN_A, seconds=3600, metres=9950, sport=1, sub_sport=3, hr=150,
                  lat=47.35, lon=8.49)], 7200))
        zf.writestr(member('runner@example.com_2003.fit'), write_fit(
            [dict(start=RUN_C, seconds=1800, metres=5000, sport=1, sub_sport=0, hr=140,
                  lat=47.37, lon=8.54)], 7200))
        zf.writestr(member('runner@example.com_2010.fit'), write_fit(
            [dict(start=MULTI, seconds=1200, metres=5000, sport=1, sub_sport=0, hr=155,
                  lat=47.40, lon=8.50),
             dict(start=MULTI + 1200, seconds=2400, metres=20000, sport=2, sub_sport=0,
                  hr=140, lat=47.41, lon=8.50)], 7200))
    return z.getvalue()


def garmin_tree():
    return {
        'DI_CONNECT/DI-Connect-Fitness/runner@example.com_0_summarizedActivities.json':
            json.dumps(garmin_summaries(), ensure_ascii=False, indent=1).encode(),
        'DI_CONNECT/DI-Connect-Uploaded-Files/UploadedFiles_0-_Part1.zip': garmin_uploads(),
        # Not activities: never parsed (this one is not even JSON, on purpose).
        'DI_CONNECT/DI-Connect-Wellness/2024-04-01_2024-07-10_1_sleepData.json': b'{not json',
        'DI_CONNECT/DI-Connect-User/user_profile.json': b'{"userName": "runner"}',
    }


# ------------------------------------------------------------- Apple Health
APPLE_DTD = '''<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE HealthData [
<!-- HealthKit Export Version: 11 -->
<!ELEMENT HealthData (ExportDate,Me,(Record|Correlation|Workout|ActivitySummary|ClinicalRecord)*)>
<!ATTLIST HealthData
  locale CDATA #REQUIRED
>
<!ELEMENT ExportDate EMPTY>
<!ATTLIST ExportDate
  value CDATA #REQUIRED
>
<!ELEMENT Record ((MetadataEntry|HeartRateVariabilityMetadataList)*)>
<!ATTLIST Record
  type          CDATA #REQUIRED
  unit          CDATA #IMPLIED
  value         CDATA #IMPLIED
  sourceName    CDATA #REQUIRED
  startDate     CDATA #REQUIRED
  endDate       CDATA #REQUIRED
>
<!ELEMENT Workout ((MetadataEntry|WorkoutEvent|WorkoutRoute|WorkoutStatistics)*)>
<!ATTLIST Workout
  workoutActivityType   CDATA #REQUIRED
  duration              CDATA #IMPLIED
  durationUnit          CDATA #IMPLIED
  totalDistance         CDATA #IMPLIED
  totalDistanceUnit     CDATA #IMPLIED
  startDate             CDATA #REQUIRED
  endDate               CDATA #REQUIRED
>
]>
'''


def adate(unix_s, offset_h=2):
    """Apple's writing: the exporting phone's zone, `2019-05-01 07:00:00 +0200`."""
    import datetime
    t = datetime.datetime.utcfromtimestamp(unix_s + offset_h * 3600)
    sign = '+' if offset_h >= 0 else '-'
    return t.strftime('%Y-%m-%d %H:%M:%S') + ' %s%02d00' % (sign, abs(offset_h))


def gpx_route(start, seconds, lat, lon):
    pts = []
    for i in range(0, seconds + 1, 10):
        import datetime
        t = datetime.datetime.utcfromtimestamp(start + i).strftime('%Y-%m-%dT%H:%M:%SZ')
        pts.append('<trkpt lon="%.6f" lat="%.6f"><ele>410.0</ele><time>%s</time></trkpt>'
                   % (lon, lat + 0.00005 * i, t))
    return ('<?xml version="1.0" encoding="UTF-8"?>\n<gpx version="1.1" creator="Apple Health '
            'Export" xmlns="http://www.topografix.com/GPX/1/1"><metadata><time>2024-05-01T00:00:00Z'
            '</time></metadata><trk><name>Route</name><trkseg>\n' + '\n'.join(pts) +
            '\n</trkseg></trk></gpx>\n').encode()


# Workouts (UTC starts): the tests check these figures.
W1 = unix(2019, 5, 1, 22, 30)   # run, attributes in km, HKTimeZone Europe/Zurich -> 2019-05-02
W2 = unix(2019, 5, 4, 9, 0)     # walk in miles, no route
W3 = unix(2023, 6, 10, 6, 0)    # run, WorkoutStatistics, route whose times are a day off
W4 = unix(2017, 8, 20, 15, 0)   # ride, inline Location route (2016-2019 exports)
W5 = unix(2023, 6, 12, 18, 0)   # yoga: not a sport stride imports
W6 = unix(2023, 6, 13, 18, 0)   # strength, WorkoutStatistics without distance


def apple_xml():
    out = [APPLE_DTD, '<HealthData locale="de_CH">\n',
           ' <ExportDate value="2024-05-01 10:00:00 +0200"/>\n',
           ' <Me HKCharacteristicTypeIdentifierDateOfBirth="1985-03-01"/>\n']
    rec = (' <Record type="%s" sourceName="Apple Watch" sourceVersion="9.1" unit="%s" '
           'creationDate="%s" startDate="%s" endDate="%s" value="%s"/>\n')
    # Heart rate: three inside W1 (140, 150, 160 -> 150), one before it (100),
    # two inside W3 (120, 130 -> 125). Steps and energy are skipped.
    for t, v in [(W1 - 600, 100), (W1 + 60, 140), (W1 + 900, 150), (W1 + 1700, 160),
                 (W3 + 100, 120), (W3 + 2000, 130)]:
        out.append(rec % ('HKQuantityTypeIdentifierHeartRate', 'count/min', adate(t), adate(t),
                          adate(t), v))
    out.append(' <Record type="HKQuantityTypeIdentifierHeartRate" sourceName="Apple Watch" '
               'unit="count/min" creationDate="%s" startDate="%s" endDate="%s" value="145">\n'
               '  <MetadataEntry key="HKMetadataKeyHeartRateMotionContext" value="2"/>\n'
               ' </Record>\n' % (adate(W1 + 1200), adate(W1 + 1200), adate(W1 + 1200)))
    for t in range(W2 - 3600, W2 + 3600, 600):
        out.append(rec % ('HKQuantityTypeIdentifierStepCount', 'count', adate(t), adate(t),
                          adate(t + 600), 800))
        out.append(rec % ('HKQuantityTypeIdentifierActiveEnergyBurned', 'kcal', adate(t),
                          adate(t), adate(t + 600), 30))
    # W1: older export, figures as attributes.
    out.append(' <Workout workoutActivityType="HKWorkoutActivityTypeRunning" duration="30" '
               'durationUnit="min" totalDistance="5.25" totalDistanceUnit="km" '
               'totalEnergyBurned="350" totalEnergyBurnedUnit="kcal" sourceName="Apple Watch" '
               'sourceVersion="5.1.3" creationDate="%s" startDate="%s" endDate="%s">\n'
               '  <MetadataEntry key="HKTimeZone" value="Europe/Zurich"/>\n'
               '  <MetadataEntry key="HKIndoorWorkout" value="0"/>\n'
               '  <WorkoutEvent type="HKWorkoutEventTypePause" date="%s"/>\n'
               '  <WorkoutRoute sourceName="Apple Watch" sourceVersion="5.1.3" creationDate="%s" '
               'startDate="%s" endDate="%s">\n'
               '   <MetadataEntry key="HKMetadataKeySyncVersion" value="2"/>\n'
               '   <FileReference path="/workout-routes/route_2019-05-02_12.30am.gpx"/>\n'
               '  </WorkoutRoute>\n'
               ' </Workout>\n' % (adate(W1 + 1830), adate(W1), adate(W1 + 1830),
                                  adate(W1 + 600), adate(W1 + 1830), adate(W1), adate(W1 + 1830)))
    # W2: miles, no route, no time zone.
    out.append(' <Workout workoutActivityType="HKWorkoutActivityTypeWalking" duration="45" '
               'durationUnit="min" totalDistance="2" totalDistanceUnit="mi" sourceName="iPhone" '
               'creationDate="%s" startDate="%s" endDate="%s"/>\n'
               % (adate(W2 + 2700), adate(W2), adate(W2 + 2700)))
    # W3: newer export, figures in WorkoutStatistics, route times a day early.
    out.append(' <Workout workoutActivityType="HKWorkoutActivityTypeRunning" duration="55" '
               'durationUnit="min" sourceName="Apple Watch" sourceVersion="9.5" '
               'creationDate="%s" startDate="%s" endDate="%s">\n'
               '  <MetadataEntry key="HKTimeZone" value="Europe/Zurich"/>\n'
               '  <WorkoutStatistics type="HKQuantityTypeIdentifierActiveEnergyBurned" '
               'startDate="%s" endDate="%s" sum="640" unit="kcal"/>\n'
               '  <WorkoutStatistics type="HKQuantityTypeIdentifierDistanceWalkingRunning" '
               'startDate="%s" endDate="%s" sum="10.5" unit="km"/>\n'
               '  <WorkoutStatistics type="HKQuantityTypeIdentifierHeartRate" startDate="%s" '
               'endDate="%s" average="158" minimum="101" maximum="181" unit="count/min"/>\n'
               '  <WorkoutRoute sourceName="Apple Watch" creationDate="%s" startDate="%s" '
               'endDate="%s">\n'
               '   <FileReference path="/workout-routes/route_2023-06-10_8.00am.gpx"/>\n'
               '  </WorkoutRoute>\n'
               ' </Workout>\n' % ((adate(W3 + 3400), adate(W3), adate(W3 + 3400)) +
                                  (adate(W3), adate(W3 + 3400)) * 3 +
                                  (adate(W3 + 3400), adate(W3), adate(W3 + 3400))))
    # W4: 2017 export with the route inline.
    locs = ''.join(
        '   <Location date="%s" latitude="%.6f" longitude="8.520000" altitude="420.5" '
        'horizontalAccuracy="4.2" verticalAccuracy="3.1" course="10.0" speed="6.9"/>\n'
        % (adate(W4 + i), 47.3 + 0.0006 * i / 10) for i in range(0, 3001, 60))
    out.append(' <Workout workoutActivityType="HKWorkoutActivityTypeCycling" duration="50" '
               'durationUnit="min" totalDistance="20.7" totalDistanceUnit="km" '
               'sourceName="Apple Watch" creationDate="%s" startDate="%s" endDate="%s">\n'
               '  <WorkoutRoute sourceName="Apple Watch" creationDate="%s" startDate="%s" '
               'endDate="%s">\n%s  </WorkoutRoute>\n </Workout>\n'
               % (adate(W4 + 3000), adate(W4), adate(W4 + 3000), adate(W4 + 3000), adate(W4),
                  adate(W4 + 3000), locs))
    out.append(' <Workout workoutActivityType="HKWorkoutActivityTypeYoga" duration="60" '
               'durationUnit="min" sourceName="Apple Watch" creationDate="%s" startDate="%s" '
               'endDate="%s"/>\n' % (adate(W5 + 3600), adate(W5), adate(W5 + 3600)))
    out.append(' <Workout workoutActivityType="HKWorkoutActivityTypeTraditionalStrengthTraining" '
               'duration="40" durationUnit="min" sourceName="Apple Watch" creationDate="%s" '
               'startDate="%s" endDate="%s">\n'
               '  <WorkoutStatistics type="HKQuantityTypeIdentifierActiveEnergyBurned" '
               'startDate="%s" endDate="%s" sum="210" unit="kcal"/>\n </Workout>\n'
               % (adate(W6 + 2400), adate(W6), adate(W6 + 2400), adate(W6), adate(W6 + 2400)))
    out.append(' <ActivitySummary dateComponents="2023-06-10" activeEnergyBurned="800" '
               'activeEnergyBurnedGoal="600" activeEnergyBurnedUnit="kcal"/>\n</HealthData>\n')
    return ''.join(out).encode()


def apple_tree():
    return {
        'apple_health_export/export.xml': apple_xml(),
        'apple_health_export/export_cda.xml': b'<?xml version="1.0"?><ClinicalDocument/>',
        'apple_health_export/workout-routes/route_2019-05-02_12.30am.gpx':
            gpx_route(W1, 1800, 47.37, 8.54),
        # A day before the workout: left out with a warning.
        'apple_health_export/workout-routes/route_2023-06-10_8.00am.gpx':
            gpx_route(W3 - 86400, 3300, 47.36, 8.53),
    }


# ------------------------------------------------------------ Strava export
STRAVA_COLUMNS = ('Activity ID,Activity Date,Activity Name,Activity Type,Activity Description,'
                  'Elapsed Time,Distance,Max Heart Rate,Relative Effort,Commute,'
                  'Activity Private Note,Activity Gear,Filename,Athlete Weight,Bike Weight,'
                  'Elapsed Time,Moving Time,Distance')


def strava_tree():
    import datetime
    # Strava writes the UTC start as "Apr 6, 2024, 7:00:03 AM"; the phone started 3 s late.
    start = datetime.datetime.utcfromtimestamp(RUN_A + 3)
    when = start.strftime('%b %-d, %Y, %-I:%M:%S %p')
    row = '9001,"%s",Phone run,Run,,3597,9.95,,,false,,,activities/9001.gpx,,,3597.0,3597.0,9950.0' % when
    return {
        'activities.csv': (STRAVA_COLUMNS + '\n' + row + '\n').encode(),
        'activities/9001.gpx': gpx_route(RUN_A + 3, 3590, 47.35, 8.49),
    }


# ---------------------------------------------------------------- writing
def write_tree(root, tree):
    shutil.rmtree(root, ignore_errors=True)
    for name, data in tree.items():
        path = os.path.join(root, name)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, 'wb') as f:
            f.write(data)


def write_zip(path, tree, fixed_time=(2024, 5, 1, 12, 0, 0)):
    with zipfile.ZipFile(path, 'w', zipfile.ZIP_DEFLATED) as zf:
        for name, data in sorted(tree.items()):
            info = zipfile.ZipInfo(name, fixed_time)
            info.compress_type = zipfile.ZIP_DEFLATED
            zf.writestr(info, data)


def main():
    garmin = garmin_tree()
    write_tree(os.path.join(HERE, 'garmin-export'), garmin)
    write_zip(os.path.join(HERE, 'garmin-export.zip'), garmin)
    damaged = dict(garmin)
    nested = garmin['DI_CONNECT/DI-Connect-Uploaded-Files/UploadedFiles_0-_Part1.zip']
    damaged['DI_CONNECT/DI-Connect-Uploaded-Files/UploadedFiles_0-_Part1.zip'] = \
        nested[:len(nested) // 2]
    write_zip(os.path.join(HERE, 'garmin-damaged.zip'), damaged)
    apple = apple_tree()
    write_tree(os.path.join(HERE, 'apple_health_export'), {
        k[len('apple_health_export/'):]: v for k, v in apple.items()})
    write_zip(os.path.join(HERE, 'export.zip'), apple)
    write_tree(os.path.join(HERE, 'strava-export'), strava_tree())


if __name__ == '__main__':
    main()
