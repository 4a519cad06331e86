namespace PidReg.Data;

/// <summary>
/// Small Gaussian systems (scalar T, X1, X2) whose PID one can work out by hand; they show where the PID measures
/// (<see cref="PidReg.Information.PidMeasure"/>) agree and where they part. T, n, n1, n2, m and e are independent
/// standard normal sources; the target is T with variance 1.
/// </summary>
public static class DesignedPidSystems
{
    /// <summary>
    /// X1 = X2 = T + 0.5·n: both modalities are one and the same noisy look at T, so everything either knows the other
    /// knows too. Every measure calls all of I(T; X1) = ½ log2 5 ≈ 1.16 bits redundant. (The covariance is singular:
    /// X1 and X2 are the same column.)
    /// </summary>
    public static DesignedPidSystem Copy { get; } = new("copy", "X1 = X2 = T + 0.5·n",
        new double[,] { { 1, 0 }, { 1, 0.5 }, { 1, 0.5 } });

    /// <summary>
    /// X1 = T + 0.5·n1 and X2 = m, independent of T and X1: a modality that knows nothing. Every measure gives X1 all
    /// of I(T; X1) as unique information and X2, redundancy and synergy nothing.
    /// </summary>
    public static DesignedPidSystem IndependentSource { get; } = new("independent source", "X1 = T + 0.5·n1, X2 = m (independent of T)",
        new double[,] { { 1, 0, 0 }, { 1, 0.5, 0 }, { 0, 0, 1 } });

    /// <summary>
    /// A suppressor: X2 = m is independent of T (alone it knows nothing), and X1 = T + m + 0.3·e sees T under m, so
    /// T = X1 − X2 − 0.3·e. Only the pair can cancel m: the information beyond I(T; X1) is synergy under every measure,
    /// although T is additive (linear) in X1 and X2 and no product X1·X2 is involved.
    /// </summary>
    public static DesignedPidSystem Suppressor { get; } = new("suppressor", "X2 = m (independent of T), X1 = T + m + 0.3·e, so T = X1 − X2 − 0.3·e",
        new double[,] { { 1, 0, 0 }, { 1, 1, 0.3 }, { 0, 1, 0 } });

    /// <summary>
    /// Two independent noisy looks, X1 = T + 0.7·n1 (the sharper) and X2 = T + n2: they share what both see of T,
    /// and each also knows something the other does not (averaging the two noises beats either). The measures part here:
    /// MMI gives X2 no unique information and books the rest as synergy; I_dep gives both modalities unique information
    /// and no synergy (X1 and X2 are independent given T, the model I_dep compares against).
    /// </summary>
    public static DesignedPidSystem TwoNoisyLooks { get; } = new("two noisy looks", "X1 = T + 0.7·n1, X2 = T + n2",
        new double[,] { { 1, 0, 0 }, { 1, 0.7, 0 }, { 1, 0, 1 } });

    /// <summary>The four systems in teaching order: copy, independent source, suppressor, two noisy looks.</summary>
    public static IReadOnlyList<DesignedPidSystem> All { get; } = [Copy, IndependentSource, Suppressor, TwoNoisyLooks];
}
