package org.ngai.model.market;

import org.ngai.model.matching.GameMode;
import org.ngai.model.matching.SignallingGame;
import org.ngai.model.scenario.Param;
import org.ngai.model.scenario.Params;
import org.ngai.model.tick.Environment;

/**
 * The B3 signalling game of one market cell, with AI entering through the disguise cost
 * C_m,t = C_0,m + κ_C,m·S_m,t and the screening accuracy a_m = a_m0 + (a_max−a_m0)·S_m − δ_fake·genAI (B2).
 */
record GameCell(SignallingGame.Outcome outcome, double screening, double disguiseCost, double accuracy) {

    static GameCell of(Params p, GameMode mode, int market, double screening, double intermediaryShare) {
        double c0 = switch (market) {
            case Environment.LAB -> p.get(Param.DISGUISE_COST_LAB);
            case Environment.FIN -> p.get(Param.DISGUISE_COST_FIN);
            default -> p.get(Param.DISGUISE_COST_TECH);
        };
        double kappa = switch (market) {
            case Environment.LAB -> p.get(Param.KAPPA_C_LAB);
            case Environment.FIN -> p.get(Param.KAPPA_C_FIN);
            default -> p.get(Param.KAPPA_C_TECH);
        };
        double c = SignallingGame.disguiseCost(c0, kappa, screening);
        SignallingGame.Params gp = new SignallingGame.Params(p.get(Param.GAME_PRICE), p.get(Param.GAME_GOOD_VALUE),
                p.get(Param.GAME_BAD_VALUE), c, p.get(Param.GAME_GOOD_SHARE));
        double a0 = p.get(Param.ACCURACY_BASE);
        double accuracy = a0 + (p.get(Param.ACCURACY_MAX) - a0) * screening
                - p.get(Param.FAKE_PENALTY) * intermediaryShare;
        return new GameCell(SignallingGame.solve(gp, mode), screening, c, Math.max(0.5, Math.min(1, accuracy)));
    }
}
