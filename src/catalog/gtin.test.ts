import { describe, expect, it } from "vitest";
import { gtinProblem, isValidGtin, withCheckDigit } from "./gtin.js";

describe("GTIN check digits", () => {
  it("accepts valid GTIN-8, -12, -13 and -14", () => {
    expect(isValidGtin("96385074")).toBe(true);
    expect(isValidGtin("036000291452")).toBe(true);
    expect(isValidGtin("3073363998823")).toBe(true);
    expect(isValidGtin("10012345678902")).toBe(true);
  });
  it("names what is wrong", () => {
    expect(gtinProblem("3073363998824")).toBe("bad_check_digit");
    expect(gtinProblem("307336399882")).toBe("bad_check_digit");
    expect(gtinProblem("12345")).toBe("bad_length");
    expect(gtinProblem("30733639988X3")).toBe("not_digits");
  });
  it("completes a body with its check digit", () => {
    expect(withCheckDigit("307336399882")).toBe("3073363998823");
  });
});
