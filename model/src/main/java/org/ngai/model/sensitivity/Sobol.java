package org.ngai.model.sensitivity;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.hipparchus.random.SobolSequenceGenerator;

/**
 * Variance-based (Sobol) first-order and total indices with the Saltelli (2010) first-order and the
 * Jansen (1999) total-effect estimators. The base matrices A and B (N rows each, k columns) are the
 * two halves of a 2k-dimensional Sobol sequence (Hipparchus); row j needs f(A_j), f(B_j) and f(AB_j^i)
 * for every factor i (A_j with column i from B_j): N·(k+2) evaluations.
 */
public final class Sobol {
    private Sobol() {
    }

    /** Row j of the design: A_j, B_j and AB_j^i for i = 0..k−1. */
    public record Row(double[] a, double[] b, double[][] ab) {
        /** The k+2 points of this row in evaluation order: A, B, AB^0 … AB^{k−1}. */
        public double[][] points() {
            double[][] p = new double[ab.length + 2][];
            p[0] = a;
            p[1] = b;
            System.arraycopy(ab, 0, p, 2, ab.length);
            return p;
        }
    }

    public record Design(List<Row> rows, int rejected) {
    }

    /** Indices of one factor: first order S and total ST. */
    public record Indices(double first, double total) {
    }

    /**
     * N rows in k dimensions on [0,1]^k; {@code valid} rejects a point (the row is dropped and another
     * drawn, at most 4·N candidates).
     */
    public static Design design(int k, int n, Predicate<double[]> valid) {
        SobolSequenceGenerator sobol = new SobolSequenceGenerator(2 * k);
        sobol.nextVector(); // the origin
        List<Row> rows = new ArrayList<>(n);
        int rejected = 0;
        for (int c = 0; rows.size() < n && c < 4 * n; c++) {
            double[] s = sobol.nextVector();
            double[] a = new double[k];
            double[] b = new double[k];
            System.arraycopy(s, 0, a, 0, k);
            System.arraycopy(s, k, b, 0, k);
            double[][] ab = new double[k][];
            for (int i = 0; i < k; i++) {
                ab[i] = a.clone();
                ab[i][i] = b[i];
            }
            Row row = new Row(a, b, ab);
            boolean ok = true;
            for (double[] p : row.points()) {
                ok &= valid.test(p);
            }
            if (ok) {
                rows.add(row);
            } else {
                rejected++;
            }
        }
        return new Design(List.copyOf(rows), rejected);
    }

    /**
     * Indices from y[row][point] (points in {@link Row#points()} order). Rows with a non-finite output
     * are left out.
     */
    public static Indices[] analyse(int k, double[][] y) {
        List<double[]> ok = new ArrayList<>();
        for (double[] row : y) {
            boolean finite = true;
            for (double v : row) {
                finite &= Double.isFinite(v);
            }
            if (finite) {
                ok.add(row);
            }
        }
        Indices[] out = new Indices[k];
        int n = ok.size();
        if (n < 2) {
            for (int i = 0; i < k; i++) {
                out[i] = new Indices(Double.NaN, Double.NaN);
            }
            return out;
        }
        double mean = 0;
        for (double[] row : ok) {
            mean += row[0] + row[1];
        }
        mean /= 2 * n;
        double var = 0;
        for (double[] row : ok) {
            var += (row[0] - mean) * (row[0] - mean) + (row[1] - mean) * (row[1] - mean);
        }
        var /= 2 * n - 1;
        for (int i = 0; i < k; i++) {
            double first = 0;
            double total = 0;
            for (double[] row : ok) {
                double fa = row[0];
                double fb = row[1];
                double fab = row[2 + i];
                first += fb * (fab - fa);
                total += (fa - fab) * (fa - fab);
            }
            out[i] = var > 0 ? new Indices(first / n / var, total / (2.0 * n) / var) : new Indices(Double.NaN, Double.NaN);
        }
        return out;
    }
}
