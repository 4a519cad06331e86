using PidReg.Model;

namespace PidReg.Training;

/// <summary>The trained network (best epoch restored), its history and the atoms behind its fusion weights.</summary>
public sealed record TrainingResult(PidRegModel Model, TrainingHistory History, PidAtoms? Atoms);
