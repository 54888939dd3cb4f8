package org.ngai.model.matching;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Discrete matching (AI specialists, licences, large loans) by firm-proposing deferred acceptance,
 * many-to-one (spec §B4; Gale-Shapley 1962; Roth, <i>Who Gets What&mdash;and Why</i>, paper ref [16]).
 * Proposers 0..n&minus;1 have unit demand; receivers 0..m&minus;1 have integer capacities. Both sides rank by the
 * <i>estimated</i> surplus &#349;<sub>ij</sub> = s<sub>ij</sub> + &epsilon; (higher first, ties to the lower
 * index); a pair whose estimate is NaN or &le; 0 is unacceptable to both sides. {@link #evaluate} scores a
 * matching against the <i>true</i> surplus: DA efficiency and blocking-pair rate (spec §B4 indicators).
 */
public final class DeferredAcceptance {
    /** Largest n&middot;(&Sigma; capacity) for which the oracle is solved exactly. */
    public static final long EXACT_ORACLE_LIMIT = 250_000L;

    private DeferredAcceptance() {
    }

    /**
     * Score of a matching under true surplus.
     *
     * @param realisedSurplus  &Sigma; true surplus of matched pairs (negative values count as they are)
     * @param oracleSurplus    maximum total true surplus of any feasible matching (positive pairs only)
     * @param efficiency       realised / oracle (1 if oracle = 0)
     * @param blockingPairRate blocking pairs under true surplus / acceptable (true surplus &gt; 0) pairs
     * @param oracleExact      whether the oracle was solved exactly (else a greedy lower bound)
     */
    public record Evaluation(double realisedSurplus, double oracleSurplus, double efficiency,
                             double blockingPairRate, boolean oracleExact) {
    }

    /**
     * Firm-proposing deferred acceptance on estimated surplus (spec §B4). Yields the proposer-optimal
     * stable matching for the estimated preferences; deterministic.
     *
     * @param estimated n&times;m estimated surplus; NaN or &le; 0 means unacceptable; no infinities
     * @param capacity  m non-negative receiver capacities
     * @return for each proposer the receiver index, or &minus;1 if unmatched
     */
    public static int[] match(double[][] estimated, int[] capacity) {
        int m = checkCapacity(capacity);
        int n = checkMatrix("estimated", estimated, m, true);
        int[][] prefs = new int[n][];
        for (int i = 0; i < n; i++) {
            double[] row = estimated[i];
            List<Integer> ok = new ArrayList<>();
            for (int j = 0; j < m; j++) {
                if (acceptable(row[j]) && capacity[j] > 0) {
                    ok.add(j);
                }
            }
            ok.sort(Comparator.<Integer>comparingDouble(j -> -row[j]).thenComparingInt(j -> j));
            prefs[i] = ok.stream().mapToInt(Integer::intValue).toArray();
        }
        int[] next = new int[n];
        int[] assignment = new int[n];
        Arrays.fill(assignment, -1);
        List<List<Integer>> held = new ArrayList<>(m);
        for (int j = 0; j < m; j++) {
            held.add(new ArrayList<>());
        }
        ArrayDeque<Integer> free = new ArrayDeque<>();
        for (int i = 0; i < n; i++) {
            free.add(i);
        }
        while (!free.isEmpty()) {
            int i = free.poll();
            while (assignment[i] < 0 && next[i] < prefs[i].length) {
                int j = prefs[i][next[i]++];
                List<Integer> h = held.get(j);
                if (h.size() < capacity[j]) {
                    h.add(i);
                    assignment[i] = j;
                } else {
                    int worst = worstHeld(estimated, j, h);
                    if (receiverPrefers(estimated, j, i, worst)) {
                        h.remove(Integer.valueOf(worst));
                        h.add(i);
                        assignment[i] = j;
                        assignment[worst] = -1;
                        free.add(worst);
                    }
                }
            }
        }
        return assignment;
    }

    /**
     * Scores an assignment under true surplus (spec §B4 indicators). The oracle is the maximum-weight
     * many-to-one assignment over pairs with positive true surplus, solved exactly by the Hungarian
     * (Kuhn-Munkres) method on capacity-expanded slots when n&middot;&Sigma;capacity &le;
     * {@value #EXACT_ORACLE_LIMIT}; otherwise it is the larger of a greedy matching and the positive part
     * of the given assignment (a lower bound, {@code oracleExact = false}, so efficiency may then exceed 1).
     * A pair (i, j) with true surplus &gt; 0, i not matched to j, blocks if i prefers j to its match (or
     * is unmatched) and j has a free slot or prefers i to its least-preferred assignee, all under true
     * surplus with the same tie rule as {@link #match}.
     *
     * @param trueSurplus n&times;m finite true surplus
     * @param assignment  n receiver indices or &minus;1, respecting capacity
     * @param capacity    m non-negative receiver capacities
     * @return realised surplus, oracle, efficiency, blocking-pair rate
     */
    public static Evaluation evaluate(double[][] trueSurplus, int[] assignment, int[] capacity) {
        int m = checkCapacity(capacity);
        int n = checkMatrix("trueSurplus", trueSurplus, m, false);
        Checks.notNull("assignment", assignment);
        if (assignment.length != n) {
            throw new IllegalArgumentException("assignment must have length " + n + ", got " + assignment.length);
        }
        int[] load = new int[m];
        double realised = 0.0;
        double realisedPositive = 0.0;
        for (int i = 0; i < n; i++) {
            int j = assignment[i];
            if (j < -1 || j >= m) {
                throw new IllegalArgumentException("assignment[" + i + "] must be -1 or a receiver index < " + m
                        + ", got " + j);
            }
            if (j >= 0) {
                if (++load[j] > capacity[j]) {
                    throw new IllegalArgumentException("assignment exceeds capacity[" + j + "] = " + capacity[j]);
                }
                realised += trueSurplus[i][j];
                realisedPositive += Math.max(0.0, trueSurplus[i][j]);
            }
        }
        long slots = 0;
        for (int c : capacity) {
            slots += c;
        }
        boolean exact = (long) n * slots <= EXACT_ORACLE_LIMIT;
        double oracle = exact ? hungarianOracle(trueSurplus, capacity, (int) slots)
                : Math.max(greedyOracle(trueSurplus, capacity), realisedPositive);
        double efficiency = oracle == 0.0 ? 1.0 : realised / oracle;
        return new Evaluation(realised, oracle, efficiency, blockingRate(trueSurplus, assignment, capacity, load),
                exact);
    }

    private static double blockingRate(double[][] s, int[] assignment, int[] capacity, int[] load) {
        int n = s.length;
        int m = capacity.length;
        int[] worst = new int[m];
        Arrays.fill(worst, -1);
        for (int i = 0; i < n; i++) {
            int j = assignment[i];
            if (j >= 0 && (worst[j] < 0 || receiverPrefers(s, j, worst[j], i))) {
                worst[j] = i;
            }
        }
        long acceptable = 0;
        long blocking = 0;
        for (int i = 0; i < n; i++) {
            int a = assignment[i];
            for (int j = 0; j < m; j++) {
                if (!(s[i][j] > 0.0)) {
                    continue;
                }
                acceptable++;
                if (j == a) {
                    continue;
                }
                boolean proposerWants = a < 0 || s[i][j] > s[i][a] || (s[i][j] == s[i][a] && j < a);
                boolean receiverWants = load[j] < capacity[j]
                        || (worst[j] >= 0 && receiverPrefers(s, j, i, worst[j]));
                if (proposerWants && receiverWants) {
                    blocking++;
                }
            }
        }
        return acceptable == 0 ? 0.0 : (double) blocking / acceptable;
    }

    /** Exact maximum-weight assignment: Hungarian method (e-maxx form, rows &le; columns) on slots. */
    private static double hungarianOracle(double[][] s, int[] capacity, int slots) {
        int n = s.length;
        if (n == 0 || slots == 0) {
            return 0.0;
        }
        int[] owner = new int[slots];
        for (int j = 0, k = 0; j < capacity.length; j++) {
            for (int c = 0; c < capacity[j]; c++) {
                owner[k++] = j;
            }
        }
        boolean proposerRows = n <= slots;
        int rows = proposerRows ? n : slots;
        int cols = proposerRows ? slots : n;
        double[] u = new double[rows + 1];
        double[] v = new double[cols + 1];
        int[] p = new int[cols + 1];
        int[] way = new int[cols + 1];
        double[] minv = new double[cols + 1];
        boolean[] used = new boolean[cols + 1];
        for (int r = 1; r <= rows; r++) {
            p[0] = r;
            int j0 = 0;
            Arrays.fill(minv, Double.POSITIVE_INFINITY);
            Arrays.fill(used, false);
            do {
                used[j0] = true;
                int r0 = p[j0];
                double delta = Double.POSITIVE_INFINITY;
                int j1 = 0;
                for (int j = 1; j <= cols; j++) {
                    if (!used[j]) {
                        double cur = cost(s, owner, proposerRows, r0 - 1, j - 1) - u[r0] - v[j];
                        if (cur < minv[j]) {
                            minv[j] = cur;
                            way[j] = j0;
                        }
                        if (minv[j] < delta) {
                            delta = minv[j];
                            j1 = j;
                        }
                    }
                }
                for (int j = 0; j <= cols; j++) {
                    if (used[j]) {
                        u[p[j]] += delta;
                        v[j] -= delta;
                    } else {
                        minv[j] -= delta;
                    }
                }
                j0 = j1;
            } while (p[j0] != 0);
            do {
                int j1 = way[j0];
                p[j0] = p[j1];
                j0 = j1;
            } while (j0 != 0);
        }
        double total = 0.0;
        for (int j = 1; j <= cols; j++) {
            if (p[j] != 0) {
                total -= cost(s, owner, proposerRows, p[j] - 1, j - 1);
            }
        }
        return total;
    }

    /** Cost of (row, col): minus the positive part of the true surplus of the underlying pair. */
    private static double cost(double[][] s, int[] owner, boolean proposerRows, int row, int col) {
        double x = proposerRows ? s[row][owner[col]] : s[col][owner[row]];
        return x > 0.0 ? -x : 0.0;
    }

    /** Greedy lower bound: take positive pairs in descending surplus while both sides have room. */
    private static double greedyOracle(double[][] s, int[] capacity) {
        int m = capacity.length;
        List<long[]> pairs = new ArrayList<>();
        for (int i = 0; i < s.length; i++) {
            for (int j = 0; j < m; j++) {
                if (s[i][j] > 0.0 && capacity[j] > 0) {
                    pairs.add(new long[] {i, j});
                }
            }
        }
        pairs.sort(Comparator.<long[]>comparingDouble(q -> -s[(int) q[0]][(int) q[1]])
                .thenComparingLong(q -> q[0]).thenComparingLong(q -> q[1]));
        boolean[] taken = new boolean[s.length];
        int[] left = capacity.clone();
        double total = 0.0;
        for (long[] q : pairs) {
            int i = (int) q[0];
            int j = (int) q[1];
            if (!taken[i] && left[j] > 0) {
                taken[i] = true;
                left[j]--;
                total += s[i][j];
            }
        }
        return total;
    }

    private static boolean acceptable(double x) {
        return x > 0.0;
    }

    /** Whether receiver j ranks proposer a above proposer b: higher surplus, ties to the lower index. */
    private static boolean receiverPrefers(double[][] s, int j, int a, int b) {
        return s[a][j] > s[b][j] || (s[a][j] == s[b][j] && a < b);
    }

    private static int worstHeld(double[][] s, int j, List<Integer> held) {
        int worst = held.get(0);
        for (int k : held) {
            if (receiverPrefers(s, j, worst, k)) {
                worst = k;
            }
        }
        return worst;
    }

    private static int checkCapacity(int[] capacity) {
        Checks.notNull("capacity", capacity);
        for (int j = 0; j < capacity.length; j++) {
            if (capacity[j] < 0) {
                throw new IllegalArgumentException("capacity[" + j + "] must be >= 0, got " + capacity[j]);
            }
        }
        return capacity.length;
    }

    private static int checkMatrix(String name, double[][] x, int m, boolean nanAllowed) {
        Checks.notNull(name, x);
        for (int i = 0; i < x.length; i++) {
            if (x[i] == null || x[i].length != m) {
                throw new IllegalArgumentException(name + "[" + i + "] must have length " + m + " (capacity length)");
            }
            for (int j = 0; j < m; j++) {
                double v = x[i][j];
                if (Double.isInfinite(v) || (!nanAllowed && Double.isNaN(v))) {
                    throw new IllegalArgumentException(name + "[" + i + "][" + j + "] must be "
                            + (nanAllowed ? "finite or NaN" : "finite") + ", got " + v);
                }
            }
        }
        return x.length;
    }
}
