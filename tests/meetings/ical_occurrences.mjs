// Reads an .ics on stdin and prints, as JSON, every occurrence between two instants as
// ical.js (the parser Thunderbird uses) computes it: UID, UTC start and end, the
// RECURRENCE-ID it answers to, and its STATUS. Overrides (RECURRENCE-ID) and EXDATEs are
// applied by ical.js itself; this script only walks what it yields.
// Usage: node ical_occurrences.mjs FROM_ISO TO_ISO < feed.ics
import ICAL from "ical.js";

const chunks = [];
for await (const chunk of process.stdin) chunks.push(chunk);
const text = Buffer.concat(chunks).toString("utf8");
const [fromIso, toIso] = process.argv.slice(2);
const from = ICAL.Time.fromJSDate(new Date(fromIso), true);
const to = ICAL.Time.fromJSDate(new Date(toIso), true);

const calendar = new ICAL.Component(ICAL.parse(text));
for (const vtimezone of calendar.getAllSubcomponents("vtimezone")) {
  ICAL.TimezoneService.register(new ICAL.Timezone(vtimezone));
}

const masters = new Map();
const overrides = [];
for (const vevent of calendar.getAllSubcomponents("vevent")) {
  if (vevent.hasProperty("recurrence-id")) overrides.push(vevent);
  // Given no exceptions, ical.js would relate every RECURRENCE-ID in the calendar to this
  // event, whatever its UID (other meetings' cancellations too): relate them by UID below.
  else {
    const event = new ICAL.Event(vevent, { exceptions: [], strictExceptions: true });
    masters.set(vevent.getFirstPropertyValue("uid"), event);
  }
}
for (const vevent of overrides) {
  const master = masters.get(vevent.getFirstPropertyValue("uid"));
  if (master) master.relateException(vevent);
}

const utc = (time) => time.toJSDate().toISOString();
const occurrences = [];
for (const [uid, event] of masters) {
  if (!event.isRecurring()) {
    if (event.endDate.compare(from) >= 0 && event.startDate.compare(to) <= 0) {
      occurrences.push({
        uid,
        start: utc(event.startDate),
        end: utc(event.endDate),
        recurrence_id: null,
        status: event.component.getFirstPropertyValue("status") || "CONFIRMED",
      });
    }
    continue;
  }
  const iterator = event.iterator();
  for (let next = iterator.next(); next; next = iterator.next()) {
    const details = event.getOccurrenceDetails(next);
    if (details.recurrenceId.compare(to) > 0 && details.startDate.compare(to) > 0) break;
    if (details.endDate.compare(from) < 0) continue;
    occurrences.push({
      uid,
      start: utc(details.startDate),
      end: utc(details.endDate),
      recurrence_id: utc(details.recurrenceId),
      status: details.item.component.getFirstPropertyValue("status") || "CONFIRMED",
    });
  }
}
process.stdout.write(JSON.stringify(occurrences));
