import { describe, expect, it } from 'vitest';
import { BrownianPath, brownianAt, gaussianAt, reflect, walkKey } from './random-walk.js';

const KEY = walkKey('test seed', 'SPY');

function variance(values: readonly number[]): number {
  const mean = values.reduce((sum, v) => sum + v, 0) / values.length;
  return values.reduce((sum, v) => sum + (v - mean) ** 2, 0) / (values.length - 1);
}

describe('random walk', () => {
  it('starts at zero and reads the same at an instant whatever was read before', () => {
    const path = new BrownianPath(KEY);
    const instants = [5e8, 5e8 + 1, 12.25, 5e8 + 3600, -7200.5, 3, 4e10, 5e8 + 0.5, -1];

    expect(brownianAt(KEY, 0)).toBe(0);
    for (const t of instants) expect(path.at(t)).toBe(brownianAt(KEY, t));
  });

  it('is linear inside a second and continuous through zero', () => {
    const path = new BrownianPath(KEY);

    expect(path.at(1000.5)).toBeCloseTo((path.at(1000) + path.at(1001)) / 2, 12);
    expect(Math.abs(path.at(-0.001))).toBeLessThan(0.1);
    expect(Math.abs(path.at(0.001))).toBeLessThan(0.1);
  });

  it('has increments of variance equal to their length, at every scale', () => {
    const path = new BrownianPath(KEY);

    for (const span of [1, 60, 3600]) {
      const increments = Array.from({ length: 4000 }, (_, i) => {
        const t = 1e8 + i * 97_003;
        return path.at(t + span) - path.at(t);
      });
      expect(variance(increments) / span).toBeGreaterThan(0.9);
      expect(variance(increments) / span).toBeLessThan(1.1);
    }
  });

  it('draws standard normals from the hash', () => {
    const draws = Array.from({ length: 100_000 }, (_, i) => gaussianAt(KEY, 0, i + 1));
    const mean = draws.reduce((sum, z) => sum + z, 0) / draws.length;

    expect(Math.abs(mean)).toBeLessThan(0.01);
    expect(variance(draws)).toBeCloseTo(1, 1);
    expect(draws.filter((z) => Math.abs(z) > 1.96).length / draws.length).toBeCloseTo(0.05, 2);
  });

  it('gives different names different walks', () => {
    expect(brownianAt(walkKey('test seed', 'SPY'), 1e6)).not.toBe(
      brownianAt(walkKey('test seed', 'TLT'), 1e6),
    );
    expect(walkKey('ab', 'c')).not.toEqual(walkKey('a', 'bc'));
  });

  it('reflects at both walls, continuously', () => {
    expect(reflect(0.5, 1)).toBe(0.5);
    expect(reflect(1.25, 1)).toBe(0.75);
    expect(reflect(-1.25, 1)).toBe(-0.75);
    expect(reflect(3.5, 1)).toBe(-0.5);
    expect(reflect(-7, 1)).toBe(1);
    for (let x = -10; x < 10; x += 0.01)
      expect(Math.abs(reflect(x + 0.01, 1) - reflect(x, 1))).toBeLessThan(0.0101);
  });
});
