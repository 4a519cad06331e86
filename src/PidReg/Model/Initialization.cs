using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace PidReg.Model;

/// <summary>The paper's initialisation: Kaiming-normal weights (ReLU gain), zero biases, on every Linear.</summary>
internal static class Initialization
{
    public static void KaimingNormal(nn.Module module)
    {
        using var _ = no_grad();
        foreach (var linear in module.modules().OfType<Linear>())
        {
            nn.init.kaiming_normal_(linear.weight, nonlinearity: nn.init.NonlinearityType.ReLU);
            if (linear.bias is not null) nn.init.zeros_(linear.bias);
        }
    }
}
