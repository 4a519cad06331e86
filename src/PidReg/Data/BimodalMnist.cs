namespace PidReg.Data;

/// <summary>
/// The kit's Bimodal MNIST task (our construction; the paper's protocol is not published): each digit
/// is rotated by an angle drawn uniformly in [-45, 45] degrees (counterclockwise as displayed, bilinear
/// interpolation, zero outside), modality "left" = the left 28 x 14 half, "right" = the right half
/// (pixels scaled to [0, 1]), target = the angle in degrees. Metadata "digit" keeps the label.
/// Ships with the MNIST test set (t10k, 10,000 digits); train-*.gz files placed in data/mnist/ are used too.
/// </summary>
public static class BimodalMnist
{
    /// <summary>Image side.</summary>
    public const int Side = 28;

    /// <summary>Largest absolute rotation angle in degrees.</summary>
    public const double MaxAngle = 45;

    /// <summary>The shipped test-set files.</summary>
    public static (string Images, string Labels) TestFiles { get; } = ("t10k-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz");

    /// <summary>The training-set files (not shipped: 9.7 MB; put them in data/mnist/ to use 70,000 digits).</summary>
    public static (string Images, string Labels) TrainFiles { get; } = ("train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz");

    /// <summary>Reads images (n x 28 x 28) and labels (n) and checks they agree.</summary>
    public static (byte[] Pixels, byte[] Labels, int Count) ReadIdx(string imagesPath, string labelsPath)
    {
        var images = IdxFile.Read(imagesPath, 3);
        var labels = IdxFile.Read(labelsPath, 1);
        if (images.Dimensions[1] != Side || images.Dimensions[2] != Side)
            throw new InvalidDataException($"{imagesPath}: images are {images.Dimensions[1]} x {images.Dimensions[2]}, expected {Side} x {Side}.");
        if (images.Dimensions[0] != labels.Dimensions[0])
            throw new InvalidDataException($"{imagesPath} has {images.Dimensions[0]} images but {labelsPath} has {labels.Dimensions[0]} labels.");
        foreach (var (l, i) in labels.Data.Select((l, i) => (l, i)))
            if (l > 9) throw new InvalidDataException($"{labelsPath}: label {i} is {l}, expected 0-9.");
        return (images.Data, labels.Data, images.Dimensions[0]);
    }

    /// <summary>
    /// Builds the task from a data folder: the test files, plus the training files when present (train first).
    /// maxRows keeps the first rows only (0 = all). Angles come from System.Random(seed).
    /// </summary>
    public static MultimodalDataset Load(string folder, int seed = 42, int maxRows = 0)
    {
        var parts = new List<(byte[] Pixels, byte[] Labels, int Count)>();
        if (File.Exists(Path.Combine(folder, TrainFiles.Images)) && File.Exists(Path.Combine(folder, TrainFiles.Labels)))
            parts.Add(ReadIdx(Path.Combine(folder, TrainFiles.Images), Path.Combine(folder, TrainFiles.Labels)));
        parts.Add(ReadIdx(Path.Combine(folder, TestFiles.Images), Path.Combine(folder, TestFiles.Labels)));
        int total = parts.Sum(p => p.Count);
        int n = maxRows > 0 ? Math.Min(maxRows, total) : total;
        const int pixels = Side * Side;
        var all = new byte[n * pixels];
        var digits = new string[n];
        int r = 0;
        foreach (var p in parts)
            for (int i = 0; i < p.Count && r < n; i++, r++)
            {
                Array.Copy(p.Pixels, i * pixels, all, r * pixels, pixels);
                digits[r] = p.Labels[i].ToString(System.Globalization.CultureInfo.InvariantCulture);
            }
        return Build(all, digits, seed);
    }

    /// <summary>The task from raw images (n x 28 x 28 bytes, row-major) and their labels.</summary>
    public static MultimodalDataset Build(byte[] images, IReadOnlyList<string> digits, int seed)
    {
        const int half = Side / 2, pixels = Side * Side;
        int n = digits.Count;
        if (images.Length != n * pixels)
            throw new ArgumentException($"expected {n} x {pixels} pixels, got {images.Length}.", nameof(images));
        var rng = new Random(seed);
        var left = new double[n, Side * half];
        var right = new double[n, Side * half];
        var angle = new double[n, 1];
        var image = new double[pixels];
        for (int i = 0; i < n; i++)
        {
            double a = (rng.NextDouble() * 2 - 1) * MaxAngle;
            angle[i, 0] = a;
            for (int k = 0; k < pixels; k++) image[k] = images[i * pixels + k] / 255.0;
            var rotated = Rotate(image, a);
            for (int y = 0; y < Side; y++)
                for (int x = 0; x < half; x++)
                {
                    left[i, y * half + x] = rotated[y * Side + x];
                    right[i, y * half + x] = rotated[y * Side + half + x];
                }
        }
        return new MultimodalDataset(DatasetNames.BimodalMnist, DatasetKinds.Real,
            [new Modality("left", left), new Modality("right", right)], angle, ["angle"],
            metadata: new Dictionary<string, IReadOnlyList<string>> { ["digit"] = digits.ToArray() },
            description: $"Bimodal MNIST (kit's construction): {n} digits rotated uniformly in [-45, 45] degrees (seed {seed}); left vs right half, target = angle.");
    }

    /// <summary>
    /// Rotates a 28 x 28 image (row-major, y down) counterclockwise as displayed by degrees about its
    /// centre (13.5, 13.5), bilinear interpolation, zero outside.
    /// </summary>
    public static double[] Rotate(double[] image, double degrees)
    {
        if (image.Length != Side * Side) throw new ArgumentException($"expected {Side * Side} pixels, got {image.Length}.", nameof(image));
        double t = degrees * Math.PI / 180, c = Math.Cos(t), s = Math.Sin(t), centre = (Side - 1) / 2.0;
        var result = new double[Side * Side];
        for (int y = 0; y < Side; y++)
            for (int x = 0; x < Side; x++)
            {
                // Inverse map: the output pixel comes from the input rotated back by -degrees.
                double dx = x - centre, dy = y - centre;
                double sx = centre + c * dx - s * dy, sy = centre + s * dx + c * dy;
                result[y * Side + x] = Bilinear(image, sx, sy);
            }
        return result;
    }

    static double Bilinear(double[] image, double x, double y)
    {
        int x0 = (int)Math.Floor(x), y0 = (int)Math.Floor(y);
        double fx = x - x0, fy = y - y0;
        return (1 - fx) * (1 - fy) * Pixel(image, x0, y0) + fx * (1 - fy) * Pixel(image, x0 + 1, y0)
            + (1 - fx) * fy * Pixel(image, x0, y0 + 1) + fx * fy * Pixel(image, x0 + 1, y0 + 1);
    }

    static double Pixel(double[] image, int x, int y) => x < 0 || y < 0 || x >= Side || y >= Side ? 0 : image[y * Side + x];
}
