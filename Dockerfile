# RobustFT node image: `robustft node --config /etc/robustft/cluster.conf --roles ...`, one Akka.NET cluster node
# (remoting on 4053, health endpoints and dashboard on 8080; see k8s/).
#
# ONNX Runtime comes from NuGet (Microsoft.ML.OnnxRuntime.Gpu.Linux): the publish output carries libonnxruntime.so
# (CPU provider built in) and the CUDA provider, which loads only with robustft.inference.execution-provider = cuda.
#   docker build -t robustft:latest .
# GPU image (k8s/base/gpu-statefulset.yaml uses image robustft-gpu): the same build on a base image with the CUDA 13
# user-space libraries the ORT CUDA provider loads (libcublasLt.so.13, libcublas.so.13, libcudart.so.13 ...), cuDNN 9
# and the .NET 10 runtime (k8s/README.md, "GPU node image"):
#   docker build -t robustft-gpu:latest --build-arg RUNTIME_IMAGE=<a CUDA 13 + cuDNN 9 runtime image with .NET 10> .
#
# Not built in this repository's CI: the development and CI machines have no container engine.

ARG RUNTIME_IMAGE=mcr.microsoft.com/dotnet/aspnet:10.0

FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
# Restore first, on the project files alone, so the layer is reused while only sources change.
COPY global.json Directory.Build.props Directory.Build.targets Directory.Packages.props ./
COPY src/RobustFT.Core/RobustFT.Core.csproj src/RobustFT.Core/
COPY src/RobustFT.Inference/RobustFT.Inference.csproj src/RobustFT.Inference/
COPY src/RobustFT.Configuration/RobustFT.Configuration.csproj src/RobustFT.Configuration/
COPY src/RobustFT.Cluster/RobustFT.Cluster.csproj src/RobustFT.Cluster/
COPY src/RobustFT.Dashboard/RobustFT.Dashboard.csproj src/RobustFT.Dashboard/
COPY src/RobustFT.Cli/RobustFT.Cli.csproj src/RobustFT.Cli/
RUN dotnet restore src/RobustFT.Cli/RobustFT.Cli.csproj
COPY src/ src/
COPY hocon/ hocon/
RUN dotnet publish src/RobustFT.Cli/RobustFT.Cli.csproj -c Release --no-restore -o /app

FROM ${RUNTIME_IMAGE} AS runtime
# Non-root user; the uid matches runAsUser/fsGroup in k8s/base.
RUN groupadd --system --gid 10001 robustft \
 && useradd --system --uid 10001 --gid robustft --home-dir /home/robustft --create-home robustft \
 && mkdir -p /data /models /etc/robustft \
 && chown robustft:robustft /data
COPY --from=build /app /app
COPY hocon/robustft.conf hocon/cluster.conf hocon/local.conf /etc/robustft/
ENV DOTNET_gcServer=1 \
    DOTNET_CLI_TELEMETRY_OPTOUT=1
WORKDIR /app
USER 10001:10001
EXPOSE 4053 8080
ENTRYPOINT ["/app/robustft"]
CMD ["node", "--config", "/etc/robustft/cluster.conf", "--roles", "coordinator,sample,gpu,dashboard"]
