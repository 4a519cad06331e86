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
    /// Throws unless <paramref name="explanation"/> is a valid decomposition: atoms present, finite and non-negative (MMI
    /// atoms are, on any lattice), fusion weights a probability vector (non-negative, summing to 1 within 1e-6), every
    /// bottleneck gate λ in (0, 1).
    /// </summary>
    /// <returns>The two-modality atoms, for the notebook's own checks on them; null for more modalities (their atoms are <see cref="PidRegExplanation.LatticeAtoms"/>).</returns>
    /// <exception cref="InvalidOperationException">Names the atom, the weights or the gates that are off, with their values.</exception>
    public static PidAtoms? Explanation(PidRegExplanation explanation)
    {
        ArgumentNullException.ThrowIfNull(explanation);
        var lattice = explanation.LatticeAtoms ?? throw new InvalidOperationException("the model has no PID atoms: the PID was never estimated during its fit");
        foreach (var (key, bits) in lattice)
            if (!(double.IsFinite(bits) && bits >= 0))
                throw new InvalidOperationException(Invariant($"atom {key} = {bits} bits is not a finite non-negative number"));
        var weights = explanation.PathWeights.Weights;
        if (!(Math.Abs(weights.Sum() - 1) < 1e-6 && weights.All(w => w >= 0)))
            throw new InvalidOperationException($"fusion weights {explanation.PathWeights} are not a probability vector");
        if (!explanation.Lambdas.All(l => l is > 0 and < 1))
            throw new InvalidOperationException(Invariant($"bottleneck gates λ = ({string.Join(", ", explanation.Lambdas)}) are outside (0, 1)"));
        return explanation.Atoms;
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
