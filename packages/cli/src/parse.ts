// Argument parsers for commander: each throws InvalidArgumentError, which commander reports with
// the usage and which the `dl` command turns into exit code 2.
import { InvalidArgumentError } from 'commander';

/** Parses a positive integer flag value (`--iters 10000`). */
export function positiveInt(value: string): number {
  const n = Number(value.replace(/_/g, ''));
  if (!/^[0-9_]+$/.test(value) || !Number.isSafeInteger(n) || n < 1) {
    throw new InvalidArgumentError(`expected a positive integer, got ${JSON.stringify(value)}`);
  }
  return n;
}

/** Parses a non-negative integer flag value (`--index 0`, `--seed 42`). */
export function nonNegativeInt(value: string): number {
  const n = Number(value);
  if (!/^[0-9]+$/.test(value) || !Number.isSafeInteger(n)) {
    throw new InvalidArgumentError(`expected an integer ≥ 0, got ${JSON.stringify(value)}`);
  }
  return n;
}

/** Parses a finite number > 0 (`--lr 0.1`). */
export function positiveNumber(value: string): number {
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n) || n <= 0) {
    throw new InvalidArgumentError(`expected a number > 0, got ${JSON.stringify(value)}`);
  }
  return n;
}

/** Parses a comma-separated list of layer sizes (`--hidden 100,50`). */
export function sizeList(value: string): number[] {
  const parts = value.split(',').map((s) => s.trim());
  if (parts.length === 0 || parts.some((p) => !/^[0-9]+$/.test(p) || Number(p) < 1)) {
    throw new InvalidArgumentError(
      `expected positive integers separated by commas, like 50 or 100,50, got ${JSON.stringify(value)}`,
    );
  }
  return parts.map(Number);
}

/** Parses `--weight-init`: a standard deviation, `he` or `xavier`. */
export function weightInit(value: string): number | 'he' | 'xavier' {
  if (value === 'he' || value === 'xavier') return value;
  try {
    return positiveNumber(value);
  } catch {
    throw new InvalidArgumentError(
      `expected a number > 0, 'he' or 'xavier', got ${JSON.stringify(value)}`,
    );
  }
}
