package org.ngai.model.factor;

/** A lender (B3 finance): home region, equity capital (losses shrink its credit), AI adoption (B2 screening). */
public final class Lender {
    public final int id;
    public final int region;
    public double capital;
    public boolean aiAdopted;

    public Lender(int id, int region, double capital, boolean aiAdopted) {
        this.id = id;
        this.region = region;
        this.capital = capital;
        this.aiAdopted = aiAdopted;
    }

    Lender copy() {
        return new Lender(id, region, capital, aiAdopted);
    }
}
