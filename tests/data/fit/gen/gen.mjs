// Writes the FIT files tests/import/fit_test.cpp decodes, with the official
// Garmin FIT SDK encoder, plus run.expected.json: the values that were encoded.
//   cd tests/data/fit/gen && npm install && node gen.mjs
// Outputs (in ..): run.fit (little-endian, as the SDK writes), run-big-endian.fit
// (the same messages rewritten big-endian by bigEndian() below) and
// dev-fields.fit (the same run with developer fields, one of them shadowing
// the native heart rate). Each output is read back with the SDK Decoder.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Decoder, Encoder, Profile, Stream, Utils } from '@garmin/fitsdk';

const OUT = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
const START = new Date('2024-03-10T07:00:00Z');
const N = 60;
const LOCAL_OFFSET_S = 3600;
const SEMI = 2 ** 31 / 180;

// The records, in the units stride reports (degrees, metres, m/s, steps/min).
function records() {
  const out = [];
  const lat0 = Math.round(47.3769 * SEMI), lon0 = Math.round(8.5417 * SEMI);
  for (let i = 0; i < N; i++) {
    const r = {
      t_unix_s: START.getTime() / 1000 + i,
      lat_semicircles: lat0 + 1000 * i,
      lon_semicircles: lon0 - 700 * i,
      ele_m: 400 + 0.2 * i,
      // Record 10 has no heart_rate field; record 11 holds the invalid value 0xFF.
      hr_bpm: i === 10 || i === 11 ? null : 120 + (i % 40),
      hr_raw: i === 10 ? undefined : i === 11 ? 255 : 120 + (i % 40),
      cadence_rpm: 85 + (i % 5),
      fractional_cadence: 0.5,
      distance_m: 2.75 * i,
      speed_mps: 2.75,
    };
    r.lat_deg = r.lat_semicircles / SEMI;
    r.lon_deg = r.lon_semicircles / SEMI;
    r.cadence_spm = 2 * (r.cadence_rpm + r.fractional_cadence);
    out.push(r);
  }
  return out;
}

const SESSION = {
  sport: 'running',
  subSport: 'trail',
  elapsed_s: 65.5,
  timer_s: 60.25,
  distance_m: 2.75 * (N - 1),
  avg_hr: 139,
  max_hr: 159,
  avg_cadence_rpm: 87,
  avg_fractional_cadence: 0.5,
  ascent_m: 12,
};

function encode({ developer = false } = {}) {
  const devId = { developerDataIndex: 0, applicationId: Array.from({ length: 16 }, (_, i) => i + 1),
    applicationVersion: 1 };
  const devPower = { developerDataIndex: 0, fieldDefinitionNumber: 0, fitBaseTypeId: 0x84,
    fieldName: 'Power', units: 'W', nativeMesgNum: 20, nativeFieldNum: 7 };
  // Claims to be the native heart_rate: a decoder must keep the native value.
  const devHr = { developerDataIndex: 0, fieldDefinitionNumber: 1, fitBaseTypeId: 0x02,
    fieldName: 'Heart Rate 2', units: 'bpm', nativeMesgNum: 20, nativeFieldNum: 3 };
  const devNote = { developerDataIndex: 0, fieldDefinitionNumber: 2, fitBaseTypeId: 0x07,
    fieldName: 'Note', units: '' };
  const encoder = developer
    ? new Encoder({ fieldDescriptions: {
        power: { developerDataIdMesg: devId, fieldDescriptionMesg: devPower },
        hr2: { developerDataIdMesg: devId, fieldDescriptionMesg: devHr },
        note: { developerDataIdMesg: devId, fieldDescriptionMesg: devNote },
      } })
    : new Encoder();
  const end = new Date(START.getTime() + (N - 1) * 1000);
  encoder.onMesg(Profile.MesgNum.FILE_ID, { type: 'activity', manufacturer: 'development',
    product: 1, timeCreated: START, serialNumber: 1234 });
  if (developer) {
    encoder.onMesg(Profile.MesgNum.DEVELOPER_DATA_ID, devId);
    encoder.onMesg(Profile.MesgNum.FIELD_DESCRIPTION, devPower);
    encoder.onMesg(Profile.MesgNum.FIELD_DESCRIPTION, devHr);
    encoder.onMesg(Profile.MesgNum.FIELD_DESCRIPTION, devNote);
  }
  encoder.onMesg(Profile.MesgNum.EVENT, { timestamp: START, event: 'timer', eventType: 'start' });
  for (const [i, r] of records().entries()) {
    const m = {
      timestamp: new Date(r.t_unix_s * 1000),
      positionLat: r.lat_semicircles,
      positionLong: r.lon_semicircles,
      enhancedAltitude: r.ele_m,
      cadence: r.cadence_rpm,
      fractionalCadence: r.fractional_cadence,
      distance: r.distance_m,
      enhancedSpeed: r.speed_mps,
    };
    if (r.hr_raw !== undefined) m.heartRate = r.hr_raw;
    if (developer) {
      m.developerFields = { power: 200 + i, hr2: 60, note: i % 2 ? 'odd' : 'even!' };
    }
    encoder.onMesg(Profile.MesgNum.RECORD, m);
  }
  encoder.onMesg(Profile.MesgNum.EVENT, { timestamp: end, event: 'timer', eventType: 'stopAll' });
  encoder.onMesg(Profile.MesgNum.LAP, { timestamp: end, startTime: START, sport: SESSION.sport,
    totalElapsedTime: SESSION.elapsed_s, totalTimerTime: SESSION.timer_s,
    totalDistance: SESSION.distance_m });
  encoder.onMesg(Profile.MesgNum.SESSION, { timestamp: end, startTime: START,
    sport: SESSION.sport, subSport: SESSION.subSport, totalElapsedTime: SESSION.elapsed_s,
    totalTimerTime: SESSION.timer_s, totalDistance: SESSION.distance_m,
    avgHeartRate: SESSION.avg_hr, maxHeartRate: SESSION.max_hr, avgCadence: SESSION.avg_cadence_rpm,
    avgFractionalCadence: SESSION.avg_fractional_cadence, totalAscent: SESSION.ascent_m,
    firstLapIndex: 0, numLaps: 1 });
  const endFit = Utils.convertDateToDateTime(end);
  encoder.onMesg(Profile.MesgNum.ACTIVITY, { timestamp: end, totalTimerTime: SESSION.timer_s,
    numSessions: 1, type: 'manual', event: 'activity', eventType: 'stop',
    localTimestamp: endFit + LOCAL_OFFSET_S });
  return encoder.close();
}

// FIT CRC-16 (the SDK's nibble algorithm).
const CRC_TABLE = [0x0000, 0xCC01, 0xD801, 0x1400, 0xF001, 0x3C00, 0x2800, 0xE401,
  0xA001, 0x6C00, 0x7800, 0xB401, 0x5000, 0x9C01, 0x8801, 0x4400];
function crc16(bytes, from, to) {
  let crc = 0;
  for (let i = from; i < to; i++) {
    const b = bytes[i];
    let tmp = CRC_TABLE[crc & 0xF];
    crc = (crc >> 4) & 0x0FFF;
    crc = crc ^ tmp ^ CRC_TABLE[b & 0xF];
    tmp = CRC_TABLE[crc & 0xF];
    crc = (crc >> 4) & 0x0FFF;
    crc = crc ^ tmp ^ CRC_TABLE[(b >> 4) & 0xF];
  }
  return crc;
}

// Rewrites an SDK-written (little-endian, no developer fields) file big-endian:
// each definition gets architecture 1 and a big-endian global number, and each
// multi-byte value of the data messages is byte-swapped element by element.
function bigEndian(input) {
  const b = Uint8Array.from(input);
  const SIZES = { 0: 1, 1: 1, 2: 1, 3: 2, 4: 2, 5: 4, 6: 4, 7: 1, 8: 4, 9: 8, 10: 1, 11: 2, 12: 4,
    13: 1, 14: 8, 15: 8, 16: 8 };
  const headerSize = b[0];
  const dataEnd = headerSize + new DataView(b.buffer).getUint32(4, true);
  const defs = [];
  let pos = headerSize;
  while (pos < dataEnd) {
    const h = b[pos];
    if (h & 0x80) throw new Error('compressed header: not expected from the SDK encoder');
    if (h & 0x40) {
      if (h & 0x20) throw new Error('developer fields are not converted');
      b[pos + 2] = 1;
      [b[pos + 3], b[pos + 4]] = [b[pos + 4], b[pos + 3]];
      const n = b[pos + 5];
      const fields = [];
      for (let i = 0; i < n; i++) {
        const f = pos + 6 + 3 * i;
        fields.push({ size: b[f + 1], unit: SIZES[b[f + 2] & 0x1F] });
      }
      defs[h & 0x0F] = fields;
      pos += 6 + 3 * n;
    } else {
      pos += 1;
      for (const { size, unit } of defs[h & 0x0F]) {
        if (unit > 1) for (let e = pos; e < pos + size; e += unit) b.subarray(e, e + unit).reverse();
        pos += size;
      }
    }
  }
  const crc = crc16(b, 0, dataEnd);
  b[dataEnd] = crc & 0xFF;
  b[dataEnd + 1] = crc >> 8;
  return b;
}

function check(name, bytes) {
  const decoder = new Decoder(Stream.fromByteArray(Array.from(bytes)));
  if (!decoder.checkIntegrity()) throw new Error(`${name}: SDK integrity check fails`);
  const { messages, errors } = decoder.read();
  if (errors.length) throw new Error(`${name}: ${errors[0]}`);
  const recs = messages.recordMesgs;
  if (recs.length !== N || recs[5].heartRate !== 125 || recs[11].heartRate !== undefined)
    throw new Error(`${name}: SDK reads different records`);
  const s = messages.sessionMesgs[0];
  if (s.totalDistance !== SESSION.distance_m || s.subSport !== 'trail')
    throw new Error(`${name}: SDK reads a different session`);
}

const little = encode();
const files = {
  'run.fit': little,
  'run-big-endian.fit': bigEndian(little),
  'dev-fields.fit': encode({ developer: true }),
};
for (const [name, bytes] of Object.entries(files)) {
  check(name, bytes);
  fs.writeFileSync(path.join(OUT, name), bytes);
  console.log(`${name}: ${bytes.length} bytes`);
}
const expected = {
  start_unix_s: START.getTime() / 1000,
  local_offset_s: LOCAL_OFFSET_S,
  session: SESSION,
  records: records().map(({ t_unix_s, lat_deg, lon_deg, ele_m, hr_bpm, cadence_spm, distance_m,
    speed_mps }) => ({ t_unix_s, lat_deg, lon_deg, ele_m, hr_bpm, cadence_spm, distance_m,
    speed_mps })),
};
fs.writeFileSync(path.join(OUT, 'run.expected.json'), JSON.stringify(expected, null, 1) + '\n');
