package org.ngai.model.market;

/** Counter-based uniform and normal draws for (seed, a, b, tick) pairs without allocating a stream. */
final class PairHash {
    private PairHash() {
    }

    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    static double uniform(long seed, long a, long b, int tick, int salt) {
        long h = mix(seed ^ 0x9E3779B97F4A7C15L);
        h = mix(h ^ a * 0xD1B54A32D192ED03L);
        h = mix(h ^ b * 0xAEF17502108EF2D9L);
        h = mix(h ^ ((long) tick << 16 | salt) * 0x9E3779B97F4A7C15L);
        return (h >>> 11) * 0x1.0p-53;
    }

    /** Standard normal by Box–Muller from two hashed uniforms (strict math). */
    static double normal(long seed, long a, long b, int tick) {
        double u1 = Math.max(1e-300, uniform(seed, a, b, tick, 1));
        double u2 = uniform(seed, a, b, tick, 2);
        return StrictMath.sqrt(-2 * StrictMath.log(u1)) * StrictMath.cos(2 * Math.PI * u2);
    }
}
