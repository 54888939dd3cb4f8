package org.ngai.model.indicator;

/**
 * Allocative efficiency within a sector after Hsieh and Klenow 2009 (QJE 124(4)), spec §A3b:
 * TFP<sub>s</sub> = [&Sigma;<sub>i</sub> w<sub>i</sub>(A<sub>i</sub>&middot;TFPR&#772;<sub>s</sub>/TFPR<sub>i</sub>)<sup>&epsilon;&minus;1</sup>]<sup>1/(&epsilon;&minus;1)</sup>,
 * default &epsilon; = 3. Weights w<sub>i</sub> are the number of real firms an agent stands for.
 *
 * <p>TFPR&#772;<sub>s</sub>: in HK it is built from revenue-share-weighted harmonic means of firms' marginal
 * revenue products of capital and labour. With one composite input (our firms carry a single wedge
 * TFPR<sub>i</sub>) this is the revenue-weighted harmonic mean of TFPR<sub>i</sub>, where HK's demand system
 * gives firm revenue &prop; (A<sub>i</sub>/TFPR<sub>i</sub>)<sup>&epsilon;&minus;1</sup>; see
 * {@link #meanTfpr}. This follows HK's definition as recalled from the paper (not re-read here); it
 * matches replication code computing TFPR&#772; as sector revenue over sector input. With it, equal
 * TFPR<sub>i</sub> give exactly the efficient TFP and any dispersion lowers TFP (power-mean inequality).
 */
public final class HsiehKlenow {
    /** Default elasticity of substitution between firm varieties, &epsilon; (spec §A3b, HK 2009). */
    public static final double DEFAULT_EPSILON = 3.0;

    private HsiehKlenow() {
    }

    /**
     * Sector TFPR&#772;: revenue-weighted harmonic mean of TFPR<sub>i</sub>, [&Sigma; s<sub>i</sub>/TFPR<sub>i</sub>]<sup>&minus;1</sup>
     * with revenue shares s<sub>i</sub> &prop; w<sub>i</sub>(A<sub>i</sub>/TFPR<sub>i</sub>)<sup>&epsilon;&minus;1</sup>.
     *
     * @param physicalProductivityA A<sub>i</sub> &gt; 0 (TFPQ)
     * @param tfpr                  TFPR<sub>i</sub> &gt; 0 (revenue productivity; &prop; wedge 1+&tau;<sub>i</sub>)
     * @param weights               w<sub>i</sub> &ge; 0, positive sum
     * @param epsilon               &epsilon; &gt; 1
     * @return TFPR&#772;
     */
    public static double meanTfpr(double[] physicalProductivityA, double[] tfpr, double[] weights, double epsilon) {
        check(physicalProductivityA, tfpr, weights, epsilon);
        double revenue = 0.0;
        double input = 0.0;
        for (int i = 0; i < tfpr.length; i++) {
            double r = weights[i] * Math.pow(physicalProductivityA[i] / tfpr[i], epsilon - 1.0);
            revenue += r;
            input += r / tfpr[i];
        }
        return revenue / input;
    }

    /**
     * Actual sector TFP under the observed wedges (spec §A3b, HK 2009).
     *
     * @param physicalProductivityA A<sub>i</sub> &gt; 0
     * @param tfpr                  TFPR<sub>i</sub> &gt; 0
     * @param weights               w<sub>i</sub> &ge; 0, positive sum
     * @param epsilon               &epsilon; &gt; 1
     * @return TFP<sub>s</sub> &le; {@link #efficientTfp}
     */
    public static double sectorTfp(double[] physicalProductivityA, double[] tfpr, double[] weights, double epsilon) {
        double bar = meanTfpr(physicalProductivityA, tfpr, weights, epsilon);
        double sum = 0.0;
        for (int i = 0; i < tfpr.length; i++) {
            sum += weights[i] * Math.pow(physicalProductivityA[i] * bar / tfpr[i], epsilon - 1.0);
        }
        return Math.pow(sum, 1.0 / (epsilon - 1.0));
    }

    /**
     * Efficient sector TFP, TFPR equalised: [&Sigma; w<sub>i</sub>A<sub>i</sub><sup>&epsilon;&minus;1</sup>]<sup>1/(&epsilon;&minus;1)</sup>
     * (spec §A3b, HK 2009).
     *
     * @param physicalProductivityA A<sub>i</sub> &gt; 0
     * @param weights               w<sub>i</sub> &ge; 0, positive sum
     * @param epsilon               &epsilon; &gt; 1
     * @return efficient TFP
     */
    public static double efficientTfp(double[] physicalProductivityA, double[] weights, double epsilon) {
        check(physicalProductivityA, physicalProductivityA, weights, epsilon);
        double sum = 0.0;
        for (int i = 0; i < physicalProductivityA.length; i++) {
            sum += weights[i] * Math.pow(physicalProductivityA[i], epsilon - 1.0);
        }
        return Math.pow(sum, 1.0 / (epsilon - 1.0));
    }

    /**
     * Allocative gap ln(TFP<sub>efficient</sub>/TFP<sub>actual</sub>) &ge; 0, the log TFP gain from
     * equalising TFPR (spec §A3b; HK find 30-50% for China, i.e. a gap of about 0.26-0.41). Tiny
     * negative values from rounding are returned as 0.
     *
     * @param physicalProductivityA A<sub>i</sub> &gt; 0
     * @param tfpr                  TFPR<sub>i</sub> &gt; 0
     * @param weights               w<sub>i</sub> &ge; 0, positive sum
     * @param epsilon               &epsilon; &gt; 1
     * @return the gap, &ge; 0
     */
    public static double allocativeGap(double[] physicalProductivityA, double[] tfpr, double[] weights,
                                       double epsilon) {
        double actual = sectorTfp(physicalProductivityA, tfpr, weights, epsilon);
        double efficient = efficientTfp(physicalProductivityA, weights, epsilon);
        return Math.max(0.0, Math.log(efficient / actual));
    }

    private static void check(double[] a, double[] tfpr, double[] weights, double epsilon) {
        Checks.positiveArray("physicalProductivityA", a);
        Checks.notEmpty("physicalProductivityA", a);
        Checks.positiveArray("tfpr", tfpr);
        Checks.sameLength("tfpr", tfpr, "physicalProductivityA", a.length);
        Checks.nonNegativeArray("weights", weights);
        Checks.sameLength("weights", weights, "physicalProductivityA", a.length);
        double sum = 0.0;
        for (double w : weights) {
            sum += w;
        }
        if (!(sum > 0.0)) {
            throw new IllegalArgumentException("weights must have a positive sum, got " + sum);
        }
        if (!(epsilon > 1.0) || epsilon == Double.POSITIVE_INFINITY) {
            throw new IllegalArgumentException("epsilon must be finite and > 1, got " + epsilon);
        }
    }
}
