// Reads an iTIP message (an emailed .ics) on stdin and prints, as JSON, its METHOD and each
// VEVENT as ical.js (the parser Thunderbird uses) reads it: UID, SEQUENCE, RECURRENCE-ID,
// UTC start and end, STATUS. Usage: node ical_itip.mjs < invite.ics
import ICAL from "ical.js";

const chunks = [];
for await (const chunk of process.stdin) chunks.push(chunk);
const calendar = new ICAL.Component(ICAL.parse(Buffer.concat(chunks).toString("utf8")));
for (const vtimezone of calendar.getAllSubcomponents("vtimezone")) {
  ICAL.TimezoneService.register(new ICAL.Timezone(vtimezone));
}
const utc = (time) => (time ? time.toJSDate().toISOString() : null);
const events = calendar.getAllSubcomponents("vevent").map((vevent) => {
  const event = new ICAL.Event(vevent);
  return {
    uid: event.uid,
    sequence: event.sequence,
    recurrence_id: utc(event.recurrenceId),
    start: utc(event.startDate),
    end: utc(event.endDate),
    status: vevent.getFirstPropertyValue("status"),
    attendees: vevent.getAllProperties("attendee").map((p) => p.getFirstValue()),
  };
});
process.stdout.write(JSON.stringify({ method: calendar.getFirstPropertyValue("method"), events }));
