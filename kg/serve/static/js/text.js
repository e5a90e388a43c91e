// Article text with marked spans. NIF offsets (nif:beginIndex, nif:endIndex) count Unicode code points, as
// Python strings do, while JavaScript strings count UTF-16 units; so text is cut as an array of code points,
// and a mark lands on the exact characters even after an emoji or a character outside the BMP.

import { el } from "./page.js";

/** The code points of `text`, to cut with NIF offsets. */
export function codePoints(text) {
  return Array.from(text);
}

/** The characters [from, to) of `points` as DOM nodes, with each of `marks` ({begin, end, ...}) made into an
 * element by `makeMark(mark, text)`. Marks outside the range are ignored; of overlapping marks the one that
 * starts first (the longer, on a tie) is kept, so every character is shown exactly once. */
export function markedText(points, from, to, marks, makeMark) {
  const fragment = document.createDocumentFragment();
  const ordered = marks
    .filter((mark) => mark.begin >= from && mark.end <= to && mark.begin < mark.end)
    .sort((a, b) => a.begin - b.begin || b.end - a.end);
  let position = from;
  for (const mark of ordered) {
    if (mark.begin < position) continue;
    if (mark.begin > position) fragment.append(points.slice(position, mark.begin).join(""));
    fragment.append(makeMark(mark, points.slice(mark.begin, mark.end).join("")));
    position = mark.end;
  }
  if (position < to) fragment.append(points.slice(position, to).join(""));
  return fragment;
}

/** A sentence of `points` ([sentenceBegin, sentenceEnd)) with the characters [begin, end) highlighted. */
export function sentenceWithMention(points, sentenceBegin, sentenceEnd, begin, end) {
  return el("q", { class: "sentence" },
    markedText(points, sentenceBegin, sentenceEnd, [{ begin, end }],
      (_, text) => el("mark", { class: "mention" }, text)));
}
