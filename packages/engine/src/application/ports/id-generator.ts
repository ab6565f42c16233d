/** New unique ids, time-ordered so that sorting by id sorts by creation. */
export interface IdGenerator {
  next(): string;
}
