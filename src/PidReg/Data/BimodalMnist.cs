namespace PidReg.Data;

/// <summary>
/// The kit's Bimodal MNIST task (our construction; the paper's protocol is not published): each digit
/// is rotated by an angle drawn uniformly in [-45, 45] degrees (counterclockwise as displayed, bilinear
/// interpolation, zero outside), modality "left" = the left 28 x 14 half, "right" = the right half
/// (pixels scaled to [0, 1]), target = the angle in degrees. Metadata "digit" keeps the label and
/// "mnist_set" ("train" or "test") the MNIST file the digit came from.
/// <para>
/// Uses all 70,000 MNIST digits shipped in data/mnist/: the 60,000 training digits (rows 0-59,999, in
/// file order), then the 10,000 test digits (rows 60,000-69,999). The kit's 70/10/20 split
/// (<see cref="MultimodalDataset.Split"/>) shuffles over all 70,000 rows rather than keeping MNIST's
/// own train/test division: that division was made for classifying the digit, while the target here is
/// the rotation angle, drawn per row by the kit, so no row's target was ever part of an official split.
/// For MNIST's division, split by the "mnist_set" metadata instead.
/// </para>
/// <para>
/// Memory: the two modalities are double[70000, 392] each (about 440 MB together, as every modality
/// of the kit); <c>maxRows</c> (<see cref="DatasetLoadOptions.MaxRows"/>) rotates and stores only the
/// first rows, so a subsample costs little more than reading the 55 MB of IDX data.
/// </para>
/// </summary>
public static class BimodalMnist
{
    /// <summary>Image side.</summary>
    public const int Side = 28;

    /// <summary>Largest absolute rotation angle in degrees.</summary>
    public const double MaxAngle = 45;

    /// <summary>Digits in the MNIST training files.</summary>
    public const int TrainCount = 60000;

    /// <summary>Digits in the MNIST test files.</summary>
    public const int TestCount = 10000;

    /// <summary>Rows of the full task: training then test digits.</summary>
    public const int RowCount = TrainCount + TestCount;

    /// <summary>Metadata key of the MNIST file a row came from; values <see cref="TrainSet"/> and <see cref="TestSet"/>.</summary>
    public const string SetKey = "mnist_set";

    /// <summary><see cref="SetKey"/> value of the 60,000 training digits.</summary>
    public const string TrainSet = "train";

    /// <summary><see cref="SetKey"/> value of the 10,000 test digits.</summary>
    public const string TestSet = "test";

    /// <summary>The shipped test-set files (10,000 digits, read second).</summary>
    public static (string Images, string Labels) TestFiles { get; } = ("t10k-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz");

    /// <summary>The shipped training-set files (60,000 digits, read first).</summary>
    public static (string Images, string Labels) TrainFiles { get; } = ("train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz");

    /// <summary>All four files, training first.</summary>
    public static IReadOnlyList<string> Files { get; } = [TrainFiles.Images, TrainFiles.Labels, TestFiles.Images, TestFiles.Labels];

    /// <summary>Whether all four MNIST files are in the folder.</summary>
    public static bool IsPresent(string folder) => Files.All(f => File.Exists(Path.Combine(folder, f)));

    /// <summary>Reads images (n x 28 x 28) and labels (n) and checks they agree.</summary>
    public static (byte[] Pixels, byte[] Labels, int Count) ReadIdx(string imagesPath, string labelsPath)
    {
        var images = IdxFile.Read(imagesPath, 3);
        var labels = IdxFile.Read(labelsPath, 1);
        if (images.Dimensions[1] != Side || images.Dimensions[2] != Side)
            throw new InvalidDataException($"{imagesPath}: images are {images.Dimensions[1]} x {images.Dimensions[2]}, expected {Side} x {Side}.");
        if (images.Dimensions[0] != labels.Dimensions[0])
            throw new InvalidDataException($"{imagesPath} has {images.Dimensions[0]} images but {labelsPath} has {labels.Dimensions[0]} labels.");
        for (int i = 0; i < labels.Data.Length; i++)
            if (labels.Data[i] > 9) throw new InvalidDataException($"{labelsPath}: label {i} is {labels.Data[i]}, expected 0-9.");
        return (images.Data, labels.Data, images.Dimensions[0]);
    }

    /// <summary>
    /// Builds the task from a data folder holding the four MNIST files: the 60,000 training digits, then
    /// the 10,000 test digits. maxRows keeps the first rows only (0 = all; so a subsample of up to 60,000
    /// rows holds training digits only). Angles come from System.Random(seed), one per row in row order,
    /// so row i has the same angle whatever maxRows is.
    /// </summary>
    /// <exception cref="FileNotFoundException">A file is missing; the message names it and the folder.</exception>
    public static MultimodalDataset Load(string folder, int seed = 42, int maxRows = 0)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(maxRows);
        foreach (var f in Files)
            if (!File.Exists(Path.Combine(folder, f)))
                throw new FileNotFoundException(
                    $"{DatasetNames.BimodalMnist}: '{f}' is not in '{folder}'; the task needs all four MNIST files ({string.Join(", ", Files)}; see data/mnist/README.md).",
                    Path.Combine(folder, f));
        var train = ReadIdx(Path.Combine(folder, TrainFiles.Images), Path.Combine(folder, TrainFiles.Labels));
        var test = ReadIdx(Path.Combine(folder, TestFiles.Images), Path.Combine(folder, TestFiles.Labels));
        int total = train.Count + test.Count;
        int n = maxRows > 0 ? Math.Min(maxRows, total) : total;
        const int pixels = Side * Side;
        var digits = new string[n];
        var sets = new string[n];
        for (int r = 0; r < n; r++)
        {
            bool fromTrain = r < train.Count;
            digits[r] = Digit((fromTrain ? train.Labels : test.Labels)[fromTrain ? r : r - train.Count]);
            sets[r] = fromTrain ? TrainSet : TestSet;
        }
        string source = n > train.Count ? $"{train.Count} training + {n - train.Count} test digits" : $"the first {n} training digits";
        // Rows index into the two pixel arrays in place: no 55 MB concatenated copy.
        return Build(n, r => r < train.Count
                ? train.Pixels.AsSpan(r * pixels, pixels)
                : test.Pixels.AsSpan((r - train.Count) * pixels, pixels),
            new Dictionary<string, IReadOnlyList<string>> { ["digit"] = digits, [SetKey] = sets }, seed, source);
    }

    /// <summary>The task from raw images (n x 28 x 28 bytes, row-major) and their labels.</summary>
    public static MultimodalDataset Build(byte[] images, IReadOnlyList<string> digits, int seed)
    {
        const int pixels = Side * Side;
        ArgumentNullException.ThrowIfNull(images);
        ArgumentNullException.ThrowIfNull(digits);
        if (images.Length != digits.Count * pixels)
            throw new ArgumentException($"expected {digits.Count} x {pixels} pixels, got {images.Length}.", nameof(images));
        return Build(digits.Count, r => images.AsSpan(r * pixels, pixels),
            new Dictionary<string, IReadOnlyList<string>> { ["digit"] = digits.ToArray() }, seed, $"{digits.Count} given digits");
    }

    delegate ReadOnlySpan<byte> ImageRow(int row);

    static MultimodalDataset Build(int n, ImageRow imageRow, Dictionary<string, IReadOnlyList<string>> metadata, int seed, string source)
    {
        const int half = Side / 2, pixels = Side * Side;
        var rng = new Random(seed);
        var left = new double[n, Side * half];
        var right = new double[n, Side * half];
        var angle = new double[n, 1];
        var image = new double[pixels];
        var rotated = new double[pixels];
        for (int i = 0; i < n; i++)
        {
            double a = (rng.NextDouble() * 2 - 1) * MaxAngle;
            angle[i, 0] = a;
            var row = imageRow(i);
            for (int k = 0; k < pixels; k++) image[k] = row[k] / 255.0;
            Rotate(image, a, rotated);
            for (int y = 0; y < Side; y++)
                for (int x = 0; x < half; x++)
                {
                    left[i, y * half + x] = rotated[y * Side + x];
                    right[i, y * half + x] = rotated[y * Side + half + x];
                }
        }
        return new MultimodalDataset(DatasetNames.BimodalMnist, DatasetKinds.Real,
            [new Modality("left", left), new Modality("right", right)], angle, ["angle"],
            metadata: metadata,
            description: $"Bimodal MNIST (kit's construction): {n} digits ({source}) rotated uniformly in [-45, 45] degrees (seed {seed}); left vs right half, target = angle.");
    }

    static string Digit(byte label) => label.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>
    /// Rotates a 28 x 28 image (row-major, y down) counterclockwise as displayed by degrees about its
    /// centre (13.5, 13.5), bilinear interpolation, zero outside.
    /// </summary>
    public static double[] Rotate(double[] image, double degrees)
    {
        if (image.Length != Side * Side) throw new ArgumentException($"expected {Side * Side} pixels, got {image.Length}.", nameof(image));
        var result = new double[Side * Side];
        Rotate(image, degrees, result);
        return result;
    }

    // Rotate into a caller's buffer: the 70,000-row build reuses one instead of allocating one per row.
    static void Rotate(double[] image, double degrees, double[] result)
    {
        double t = degrees * Math.PI / 180, c = Math.Cos(t), s = Math.Sin(t), centre = (Side - 1) / 2.0;
        for (int y = 0; y < Side; y++)
            for (int x = 0; x < Side; x++)
            {
                // Inverse map: the output pixel comes from the input rotated back by -degrees.
                double dx = x - centre, dy = y - centre;
                double sx = centre + c * dx - s * dy, sy = centre + s * dx + c * dy;
                result[y * Side + x] = Bilinear(image, sx, sy);
            }
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
