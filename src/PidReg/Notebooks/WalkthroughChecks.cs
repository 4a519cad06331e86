using System.Globalization;
using PidReg.Evaluation;
using PidReg.Model;
using PidReg.Training;

namespace PidReg.Notebooks;

/// <summary>
/// The well-formedness checks every benchmark notebook ends with: they throw when a result is not what its kind must
/// be, so a run that completes but is broken fails (<c>pidreg notebooks run</c> exits 1). How accurate a model must be
/// depends on the data, so those bounds stay in each notebook's own check cell.
/// </summary>
public static class WalkthroughChecks
{
    /// <summary>
    /// Throws unless <paramref name="explanation"/> is a valid decomposition: atoms present, finite and non-negative,
    /// fusion weights a probability vector (non-negative, summing to 1 within 1e-6), bottleneck gates λ in (0, 1).
    /// </summary>
    /// <returns>The atoms, for the notebook's own checks on them.</returns>
    /// <exception cref="InvalidOperationException">Names the atom, the weights or the gates that are off, with their values.</exception>
    public static PidAtoms Explanation(PidRegExplanation explanation)
    {
        ArgumentNullException.ThrowIfNull(explanation);
        var atoms = explanation.Atoms ?? throw new InvalidOperationException("the model has no PID atoms: the PID was never estimated during its fit");
        foreach (var (name, bits) in new[] { ("U1", atoms.UniqueX1), ("U2", atoms.UniqueX2), ("R", atoms.Redundancy), ("S", atoms.Synergy) })
            if (!(double.IsFinite(bits) && bits >= 0))
                throw new InvalidOperationException(Invariant($"atom {name} = {bits} bits is not a finite non-negative number"));
        var weights = explanation.Weights;
        if (!(Math.Abs(weights.ToArray().Sum() - 1) < 1e-6 && weights.ToArray().All(w => w >= 0)))
            throw new InvalidOperationException($"fusion weights {weights} are not a probability vector");
        if (!(explanation.Lambda1 is > 0 and < 1 && explanation.Lambda2 is > 0 and < 1))
            throw new InvalidOperationException(Invariant($"bottleneck gates λ = ({explanation.Lambda1}, {explanation.Lambda2}) are outside (0, 1)"));
        return atoms;
    }

    /// <summary>Throws unless every model of <paramref name="result"/> has a row with finite test RMSE and R².</summary>
    /// <exception cref="InvalidOperationException">Names the model whose metrics are not finite, or the table that has no rows.</exception>
    public static void Comparison(ExperimentResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        if (result.Rows.Count == 0) throw new InvalidOperationException($"the comparison on '{result.Dataset}' has no rows: no run finished");
        foreach (var row in result.Rows)
            if (!(double.IsFinite(row.Rmse.Mean) && double.IsFinite(row.R2.Mean)))
                throw new InvalidOperationException(Invariant($"model {row.Model}: non-finite test metrics (RMSE {row.Rmse.Mean}, R² {row.R2.Mean})"));
    }

    static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
