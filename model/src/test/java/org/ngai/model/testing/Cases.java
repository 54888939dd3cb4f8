package org.ngai.model.testing;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Predicate;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * Deterministic random cases for property tests. A property is a plain JUnit {@code @Test} that calls
 * {@code forAll} with a generator per parameter and the check to run on each case:
 *
 * <pre>{@code
 * @Test
 * void matchesNeverExceedUnemployedOrVacancies() {
 *     Cases.forAll("SearchMatchingTest.matchesNeverExceedUnemployedOrVacancies", 1000,
 *             doubles(0.0, 50.0), doubles(0.0, 1e6), doubles(0.0, 1e6), doubles(0.0, 1.0),
 *             this::matchesNeverExceedUnemployedOrVacancies);
 * }
 * }</pre>
 *
 * <p>Each property gets its own {@link SplittableRandom}, seeded from {@link #SEED} and the property's
 * name, so every run sees the same cases. All cases run; if any fails, the test fails with the number of
 * failing cases, the index and inputs of the first ones, and the first failure as the cause.
 * {@code -Dcases.seed=N} replaces {@link #SEED} to explore other cases locally.
 *
 * <p>The cases start with the parameters' edge values (range bounds, 0, ±1, the smallest step of the
 * scale, where in range), combined across parameters: all combinations when there are at most a
 * quarter of {@code tries} of them, else that many drawn from them (always including the one with
 * every range at its lower bound and the one with every range at its upper bound). The rest are random;
 * even there each parameter takes one of its edge values now and then.
 *
 * <p>Decimals follow a scale (2 decimal places unless told): generated values are multiples of
 * 10^-scale, drawn half uniformly over the range and half log-biased towards the value nearest 0.
 *
 * <p>(One {@code @Test} per property rather than a {@code @ParameterizedTest} per case: with ~13,000
 * cases the per-invocation cost of JUnit and Surefire made the model test run several seconds slower.)
 */
public final class Cases {
    /** The fixed seed all properties derive theirs from. */
    public static final long SEED = 0x6E6761692D6D6F64L;

    static final double EDGE_MIX = 0.05;
    private static final int DEFAULT_SCALE = 2;
    private static final int FAILURES_LISTED = 5;

    private Cases() {
    }

    /** A generator of one parameter: random values plus the edge values worth trying every time. */
    public interface Gen<T> {
        T next(SplittableRandom rng);

        List<T> edges();

        /** {@link #next} or, with a small probability, one of the edge values. */
        default T sample(SplittableRandom rng) {
            List<T> e = edges();
            if (!e.isEmpty() && rng.nextDouble() < EDGE_MIX) {
                return e.get(rng.nextInt(e.size()));
            }
            return next(rng);
        }
    }

    @FunctionalInterface
    public interface Check1<A> {
        void check(A a) throws Exception;
    }

    @FunctionalInterface
    public interface Check2<A, B> {
        void check(A a, B b) throws Exception;
    }

    @FunctionalInterface
    public interface Check3<A, B, C> {
        void check(A a, B b, C c) throws Exception;
    }

    @FunctionalInterface
    public interface Check4<A, B, C, D> {
        void check(A a, B b, C c, D d) throws Exception;
    }

    @FunctionalInterface
    public interface Check5<A, B, C, D, E> {
        void check(A a, B b, C c, D d, E e) throws Exception;
    }

    /** Which cases belong to the property's domain (the generator's counterpart of an assumption). */
    @FunctionalInterface
    public interface Where5<A, B, C, D, E> {
        boolean test(A a, B b, C c, D d, E e);
    }

    public static <A> void forAll(String property, int tries, Gen<A> a, Check1<A> check) {
        run(property, tries, args -> true, new Gen<?>[] {a}, args -> check.check(cast(args[0])));
    }

    public static <A, B> void forAll(String property, int tries, Gen<A> a, Gen<B> b, Check2<A, B> check) {
        run(property, tries, args -> true, new Gen<?>[] {a, b}, args -> check.check(cast(args[0]), cast(args[1])));
    }

    public static <A, B, C> void forAll(String property, int tries, Gen<A> a, Gen<B> b, Gen<C> c,
                                        Check3<A, B, C> check) {
        run(property, tries, args -> true, new Gen<?>[] {a, b, c},
                args -> check.check(cast(args[0]), cast(args[1]), cast(args[2])));
    }

    public static <A, B, C, D> void forAll(String property, int tries, Gen<A> a, Gen<B> b, Gen<C> c, Gen<D> d,
                                           Check4<A, B, C, D> check) {
        run(property, tries, args -> true, new Gen<?>[] {a, b, c, d},
                args -> check.check(cast(args[0]), cast(args[1]), cast(args[2]), cast(args[3])));
    }

    public static <A, B, C, D, E> void forAll(String property, int tries, Gen<A> a, Gen<B> b, Gen<C> c, Gen<D> d,
                                              Gen<E> e, Check5<A, B, C, D, E> check) {
        forAll(property, tries, (x1, x2, x3, x4, x5) -> true, a, b, c, d, e, check);
    }

    /** As {@code forAll}, over the cases {@code where} accepts only: {@code tries} of them all the same. */
    public static <A, B, C, D, E> void forAll(String property, int tries, Where5<A, B, C, D, E> where,
                                              Gen<A> a, Gen<B> b, Gen<C> c, Gen<D> d, Gen<E> e,
                                              Check5<A, B, C, D, E> check) {
        run(property, tries,
                args -> where.test(cast(args[0]), cast(args[1]), cast(args[2]), cast(args[3]), cast(args[4])),
                new Gen<?>[] {a, b, c, d, e},
                args -> check.check(cast(args[0]), cast(args[1]), cast(args[2]), cast(args[3]), cast(args[4])));
    }

    @SuppressWarnings("unchecked")
    private static <T> T cast(Object value) {
        return (T) value;
    }

    private interface Body {
        void run(Object[] args) throws Exception;
    }

    private static void run(String property, int tries, Predicate<Object[]> where, Gen<?>[] params, Body body) {
        List<Object[]> cases = cases(property, tries, where, params);
        List<Integer> failing = new ArrayList<>();
        List<Throwable> failures = new ArrayList<>();
        for (int i = 0; i < cases.size(); i++) {
            try {
                body.run(copy(cases.get(i))); // a check that changes an array must not change later cases
            } catch (VirtualMachineError fatal) {
                throw fatal;
            } catch (Throwable t) {
                failing.add(i);
                if (failures.size() < FAILURES_LISTED) {
                    failures.add(t);
                }
            }
        }
        if (failing.isEmpty()) {
            return;
        }
        StringBuilder m = new StringBuilder()
                .append(property).append(": ").append(failing.size()).append(" of ").append(cases.size())
                .append(" cases fail (cases.seed=").append(Long.getLong("cases.seed", SEED))
                .append("; the same cases in every run)\n");
        for (int k = 0; k < failures.size(); k++) {
            int i = failing.get(k);
            m.append("case #").append(i).append(' ').append(describe(cases.get(i))).append(":\n  ")
                    .append(String.valueOf(failures.get(k).getMessage()).strip().replace("\n", "\n  ")).append('\n');
        }
        if (failing.size() > failures.size()) {
            m.append("... and ").append(failing.size() - failures.size()).append(" more");
        }
        AssertionError error = new AssertionError(m.toString().strip(), failures.get(0));
        failures.stream().skip(1).forEach(error::addSuppressed);
        throw error;
    }

    private static Object[] copy(Object[] args) {
        Object[] c = args.clone();
        for (int i = 0; i < c.length; i++) {
            if (c[i] instanceof double[] d) {
                c[i] = d.clone();
            } else if (c[i] instanceof int[] n) {
                c[i] = n.clone();
            }
        }
        return c;
    }

    /** The inputs of a case, as a property's failure message shows them. */
    static String describe(Object[] args) {
        StringBuilder b = new StringBuilder("(");
        for (int i = 0; i < args.length; i++) {
            if (i > 0) {
                b.append(", ");
            }
            Object a = args[i];
            b.append(a instanceof double[] d ? Arrays.toString(d)
                    : a instanceof int[] n ? Arrays.toString(n)
                    : String.valueOf(a));
        }
        return b.append(')').toString();
    }

    /** The {@code tries} cases of a property: edge combinations first, then random ones. */
    static List<Object[]> cases(String property, int tries, Predicate<Object[]> where, Gen<?>... params) {
        if (tries <= 0 || params.length == 0) {
            throw new IllegalArgumentException("tries and params must be positive");
        }
        SplittableRandom rng = new SplittableRandom(seed(property));
        List<Object[]> cases = new ArrayList<>(tries);
        for (Object[] edge : edgeCombinations(params, tries / 4, rng)) {
            if (where.test(edge)) {
                cases.add(edge);
            }
        }
        int misses = 0;
        while (cases.size() < tries) {
            Object[] args = new Object[params.length];
            for (int i = 0; i < params.length; i++) {
                args[i] = params[i].sample(rng);
            }
            if (where.test(args)) {
                cases.add(args);
            } else if (++misses > 10 * tries) {
                throw new IllegalStateException(property + ": the domain rejects too many cases");
            }
        }
        return cases;
    }

    static long seed(String property) {
        long base = Long.getLong("cases.seed", SEED);
        return new SplittableRandom(base ^ (0x9E3779B97F4A7C15L * property.hashCode())).nextLong();
    }

    private static List<Object[]> edgeCombinations(Gen<?>[] params, int cap, SplittableRandom rng) {
        long total = 1;
        for (Gen<?> p : params) {
            total = Math.multiplyExact(total, Math.max(1, p.edges().size()));
        }
        List<Object[]> out = new ArrayList<>();
        if (total <= cap) {
            for (long k = 0; k < total; k++) {
                out.add(combination(params, k));
            }
            return out;
        }
        // too many: every parameter at its first edge value (a range's min), every one at its second (a
        // range's max), then distinct combinations drawn at random
        LinkedHashSet<Long> picked = new LinkedHashSet<>();
        picked.add(0L);
        long last = 0;
        long stride = 1;
        for (Gen<?> p : params) {
            last += stride * Math.min(1, p.edges().size() - 1);
            stride *= Math.max(1, p.edges().size());
        }
        picked.add(last);
        while (picked.size() < cap) {
            picked.add(rng.nextLong(total));
        }
        for (long k : picked) {
            out.add(combination(params, k));
        }
        return out;
    }

    private static Object[] combination(Gen<?>[] params, long index) {
        Object[] args = new Object[params.length];
        long k = index;
        for (int i = 0; i < params.length; i++) {
            List<?> e = params[i].edges();
            if (e.isEmpty()) {
                throw new IllegalStateException("parameter " + i + " has no edge values");
            }
            args[i] = e.get((int) (k % e.size()));
            k /= e.size();
        }
        return args;
    }

    // ---- parameter generators ----

    /** Decimals in [min, max] with 2 decimal places. */
    public static Gen<Double> doubles(double min, double max) {
        return doubles(min, max, DEFAULT_SCALE);
    }

    /** Decimals in [min, max], multiples of 10^-scale; edges: min, max and 0, ±1, ±10^-scale if inside. */
    public static Gen<Double> doubles(double min, double max, int scale) {
        if (!(min <= max)) {
            throw new IllegalArgumentException("min must not exceed max");
        }
        double unit = Math.pow(10, scale);
        long lo = (long) Math.ceil(min * unit - 1e-9);
        long hi = (long) Math.floor(max * unit + 1e-9);
        if (lo > hi) {
            throw new IllegalArgumentException("no multiple of 10^-" + scale + " in [" + min + ", " + max + "]");
        }
        long target = lo > 0 ? lo : Math.min(hi, 0); // the grid point nearest 0
        List<Double> edges = distinctWithin(min, max, min, max, 0.0, 1.0, -1.0, 1 / unit, -1 / unit);
        return new Gen<>() {
            @Override
            public Double next(SplittableRandom rng) {
                long k;
                if (rng.nextBoolean()) {
                    k = lo + rng.nextLong(hi - lo + 1);
                } else {
                    // log-biased offset from the target, towards the side(s) the range has
                    boolean up = target == lo || (target != hi && rng.nextBoolean());
                    long span = up ? hi - target : target - lo;
                    long offset = Math.min(span, (long) Math.floor(Math.pow(span + 1.0, rng.nextDouble())));
                    k = up ? target + offset : target - offset;
                }
                return k / unit;
            }

            @Override
            public List<Double> edges() {
                return edges;
            }
        };
    }

    /** Any finite double, rounded to 2 decimal places, magnitudes spread over all decades. */
    public static Gen<Double> anyDoubles() {
        List<Double> edges = List.of(0.0, 1.0, -1.0, 0.01, -0.01, -Double.MAX_VALUE, Double.MAX_VALUE);
        return new Gen<>() {
            @Override
            public Double next(SplittableRandom rng) {
                // half over the whole exponent range, half over 1e-3..1e7 where most arithmetic happens
                double exponent = rng.nextBoolean() ? rng.nextDouble(-3, 308.25) : rng.nextDouble(-3, 7);
                double magnitude = Math.min(Math.pow(10, exponent), Double.MAX_VALUE);
                if (magnitude < 1e15) {
                    magnitude = Math.round(magnitude * 100) / 100.0;
                }
                if (magnitude == 0.0) {
                    return 0.0;
                }
                return rng.nextBoolean() ? magnitude : -magnitude;
            }

            @Override
            public List<Double> edges() {
                return edges;
            }
        };
    }

    /** Integers in [min, max]; edges: min, max and 0, ±1 if inside. */
    public static Gen<Integer> ints(int min, int max) {
        if (min > max) {
            throw new IllegalArgumentException("min must not exceed max");
        }
        List<Integer> edges = new ArrayList<>(new LinkedHashSet<>(
                Stream.of(min, max, 0, 1, -1).filter(v -> v >= min && v <= max).toList()));
        return new Gen<>() {
            @Override
            public Integer next(SplittableRandom rng) {
                return (int) (min + rng.nextLong((long) max - min + 1));
            }

            @Override
            public List<Integer> edges() {
                return edges;
            }
        };
    }

    /** Any int, half of them small (|v| <= 100). */
    public static Gen<Integer> anyInts() {
        List<Integer> edges = List.of(0, 1, -1, Integer.MIN_VALUE, Integer.MAX_VALUE);
        return new Gen<>() {
            @Override
            public Integer next(SplittableRandom rng) {
                return rng.nextBoolean() ? rng.nextInt() : rng.nextInt(-100, 101);
            }

            @Override
            public List<Integer> edges() {
                return edges;
            }
        };
    }

    /** Any long (seeds). */
    public static Gen<Long> anyLongs() {
        List<Long> edges = List.of(0L, 1L, -1L, Long.MIN_VALUE, Long.MAX_VALUE);
        return new Gen<>() {
            @Override
            public Long next(SplittableRandom rng) {
                return rng.nextLong();
            }

            @Override
            public List<Long> edges() {
                return edges;
            }
        };
    }

    public static Gen<Boolean> booleans() {
        List<Boolean> edges = List.of(false, true);
        return new Gen<>() {
            @Override
            public Boolean next(SplittableRandom rng) {
                return rng.nextBoolean();
            }

            @Override
            public List<Boolean> edges() {
                return edges;
            }
        };
    }

    /**
     * double[] of a size in [minSize, maxSize] with elements from {@code element}; edges: arrays of
     * minSize and of maxSize filled with each edge value of the element.
     */
    public static Gen<double[]> doubleArrays(Gen<Double> element, int minSize, int maxSize) {
        checkSizes(minSize, maxSize);
        List<double[]> edges = new ArrayList<>();
        for (int size : IntStream.of(minSize, maxSize).distinct().toArray()) {
            for (double e : element.edges()) {
                double[] a = new double[size];
                Arrays.fill(a, e);
                edges.add(a);
            }
        }
        return new Gen<>() {
            @Override
            public double[] next(SplittableRandom rng) {
                double[] a = new double[minSize + rng.nextInt(maxSize - minSize + 1)];
                for (int i = 0; i < a.length; i++) {
                    a[i] = element.sample(rng);
                }
                return a;
            }

            @Override
            public List<double[]> edges() {
                return edges;
            }
        };
    }

    /** int[] of a size in [minSize, maxSize]; edges as for {@link #doubleArrays}. */
    public static Gen<int[]> intArrays(Gen<Integer> element, int minSize, int maxSize) {
        checkSizes(minSize, maxSize);
        List<int[]> edges = new ArrayList<>();
        for (int size : IntStream.of(minSize, maxSize).distinct().toArray()) {
            for (int e : element.edges()) {
                int[] a = new int[size];
                Arrays.fill(a, e);
                edges.add(a);
            }
        }
        return new Gen<>() {
            @Override
            public int[] next(SplittableRandom rng) {
                int[] a = new int[minSize + rng.nextInt(maxSize - minSize + 1)];
                for (int i = 0; i < a.length; i++) {
                    a[i] = element.sample(rng);
                }
                return a;
            }

            @Override
            public List<int[]> edges() {
                return edges;
            }
        };
    }

    private static void checkSizes(int minSize, int maxSize) {
        if (minSize < 0 || minSize > maxSize) {
            throw new IllegalArgumentException("need 0 <= minSize <= maxSize");
        }
    }

    private static List<Double> distinctWithin(double min, double max, double... candidates) {
        LinkedHashSet<Double> out = new LinkedHashSet<>();
        for (double c : candidates) {
            if (c >= min && c <= max) {
                out.add(c == 0.0 ? 0.0 : c); // -0.0 folds into 0.0
            }
        }
        return List.copyOf(out);
    }
}
