using System.Diagnostics;
using PidReg.Model;
using PidReg.Regularizers;
using PidReg.Information;
using TorchSharp;
using static TorchSharp.torch;
namespace PidReg.Tests.Training;
[Collection(TorchSeedCollection.Name)]
public class TmpProfile
{
    [Fact]
    public void Profile()
    {
        PidReg.Torch.TorchRuntime.EnsureLoaded();
        torch.set_num_threads(1);
        var lines = new List<string>();
        random.manual_seed(1);
        var model = new PidRegModel(81, 86, 1, 256, 64, 0.3, 0.2, 4, true);
        var x1 = randn(256, 81); var x2 = randn(256, 86); var y = randn(256, 1);
        void T(string name, Action a) { a(); double best = 1e9; for (int i = 0; i < 15; i++) { var sw = Stopwatch.StartNew(); using var s = NewDisposeScope(); a(); best = Math.Min(best, sw.Elapsed.TotalMilliseconds); } lines.Add($"{name}: {best:F2} ms"); }
        var lat = model.Encode(x1, x2);
        var yp = BatchPid.TransformTarget(y);
        double[,] cov = new double[129,129]; for (int i=0;i<129;i++) cov[i,i]=1; cov[0,1]=cov[1,0]=0.5;
        T("encode", () => model.Encode(x1, x2));
        T("int", () => BatchPid.TransformTarget(y));
        T("pid-bc", () => BatchPid.Estimate(yp, lat.Z1, lat.Z2, PidEstimate.BiasCorrected));
        T("pid-plugin", () => BatchPid.Estimate(yp, lat.Z1, lat.Z2, PidEstimate.PlugIn));
        T("GaussianPid only", () => GaussianPid.FromSampleCovariance(cov, new PidDims(1, 64, 64), 256, PidEstimate.BiasCorrected));
        T("median", () => KernelMath.MedianDistance(lat.R1));
        T("gram", () => KernelMath.Gram(lat.R1, lat.R1, 1.0).mean());
        T("randn", () => randn_like(lat.R1));
        T("median x1", () => KernelMath.MedianDistance(x1));
        T("gram x1", () => KernelMath.Gram(x1, x1, 3.0));
        T("cs est fixed", () => CauchySchwarzDivergence.Estimate(lat.R1, x1[.., ..64], 3.0));
        T("cmi nograd", () => { using var _ = no_grad(); ConditionalCsMutualInformation.Estimate(lat.Z1.detach(), x2, x1); });
        T("cmi f64", () => { using var _ = no_grad(); ConditionalCsMutualInformation.Estimate(lat.Z1.detach().to_type(ScalarType.Float64), x2.to_type(ScalarType.Float64), x1.to_type(ScalarType.Float64)); });
        T("cs f64", () => CauchySchwarzDivergence.ToStandardNormal(lat.R1.to_type(ScalarType.Float64)));
        T("cs parts", () => { var q = randn_like(lat.R1); var sg = KernelMath.MedianDistance(lat.R1); CauchySchwarzDivergence.Estimate(lat.R1, q, sg); });
        T("cs parts nograd", () => { var r = lat.R1.detach(); var q = randn_like(r); var sg = KernelMath.MedianDistance(r); CauchySchwarzDivergence.Estimate(r, q, sg); });
        T("cs", () => CauchySchwarzDivergence.ToStandardNormal(lat.R1));
        T("cmi", () => ConditionalCsMutualInformation.Estimate(lat.Z1, x2, x1));
        T("gauss", () => GaussianityLoss.Compute(yp.to_type(ScalarType.Float32), lat.Z1, lat.Z2));
        T("fwd+mse+backward", () => {
            var l = model.Encode(x1, x2);
            var p = model.Head(l.Z1, l.Z2, FusionWeights.Equal);
            nn.functional.mse_loss(p, y).backward();
        });
        T("full step", () => {
            var l = model.Encode(x1, x2);
            var p = model.Head(l.Z1, l.Z2, FusionWeights.Equal);
            var loss = nn.functional.mse_loss(p, y) + CauchySchwarzDivergence.ToStandardNormal(l.R1) + CauchySchwarzDivergence.ToStandardNormal(l.R2)
              + ConditionalCsMutualInformation.Estimate(l.Z1, x2, x1) + ConditionalCsMutualInformation.Estimate(l.Z2, x1, x2) + GaussianityLoss.Compute(yp.to_type(ScalarType.Float32), l.Z1, l.Z2);
            loss.backward();
        });
        File.WriteAllLines("/tmp/profile.txt", lines);
    }
}
