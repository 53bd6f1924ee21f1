/**
 * @module
 * A command line the CLI cannot make sense of: exit code 2, with the command's help hint.
 */
import { InvalidRequestError } from "../core/errors.ts";

export class UsageError extends InvalidRequestError {
  constructor(message: string) {
    super(message);
    this.name = "UsageError";
  }
}
