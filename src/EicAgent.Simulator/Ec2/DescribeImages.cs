namespace EicAgent.Simulator.Ec2;

/// <summary>
/// DescribeImages for ImageId.N: the fleet's images, named the way their publishers name them (a client tells an
/// Ubuntu image from an Amazon Linux one by name, since both say PlatformDetails "Linux/UNIX"). Unknown ids are left out.
/// </summary>
internal static class DescribeImages
{
    public const string Operation = "DescribeImages";

    public static Task HandleAsync(Ec2Call call)
    {
        var ids = call.Parameters.List("ImageId");
        call.Authorize(Operation);
        var images = call.State.Instances
            .Select(instance => instance.Definition)
            .Where(definition => ids.Count == 0 || ids.Contains(definition.ImageId))
            .DistinctBy(definition => definition.ImageId)
            .ToArray();
        return call.AnswerAsync(Operation, x => x.Items("imagesSet", images, (item, image) => item
            .Value("imageId", image.ImageId)
            .Value("imageState", "available")
            .Value("name", ImageName(image.OperatingSystem))
            .Value("description", image.OperatingSystem)
            .Value("platformDetails", image.PlatformDetails)));
    }

    private static string ImageName(string operatingSystem) =>
        operatingSystem.StartsWith("Ubuntu", StringComparison.Ordinal)
            ? "ubuntu/images/hvm-ssd-gp3/ubuntu-noble-24.04-amd64-server-20250101"
            : operatingSystem.StartsWith("Amazon Linux", StringComparison.Ordinal)
                ? "al2023-ami-2023.6.20250101.0-kernel-6.1-x86_64"
                : operatingSystem;
}
