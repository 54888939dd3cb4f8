package org.ngai.model.core;

/**
 * Sorts indices by a double key, ties broken by index: a stable, allocation-light merge sort on
 * primitives (the canonical orders of the model must not depend on boxing or on sort stability).
 */
public final class IndexSort {
    private IndexSort() {
    }

    /** Indices 0..n−1 ordered by ascending key, then ascending index. NaN keys sort last. */
    public static int[] byKey(double[] key) {
        int n = key.length;
        int[] a = new int[n];
        int[] tmp = new int[n];
        for (int i = 0; i < n; i++) {
            a[i] = i;
        }
        for (int width = 1; width < n; width <<= 1) {
            for (int lo = 0; lo < n - width; lo += width << 1) {
                int mid = lo + width;
                int hi = Math.min(lo + (width << 1), n);
                merge(a, tmp, lo, mid, hi, key);
            }
        }
        return a;
    }

    private static void merge(int[] a, int[] tmp, int lo, int mid, int hi, double[] key) {
        System.arraycopy(a, lo, tmp, lo, hi - lo);
        int i = lo;
        int j = mid;
        for (int k = lo; k < hi; k++) {
            if (i >= mid) {
                a[k] = tmp[j++];
            } else if (j >= hi) {
                a[k] = tmp[i++];
            } else if (Double.compare(key[tmp[j]], key[tmp[i]]) < 0) {
                a[k] = tmp[j++];
            } else {
                a[k] = tmp[i++];
            }
        }
    }
}
