# Build stage: the Maven wrapper builds the executable jar (tests run in CI, not in the image build).
FROM eclipse-temurin:17-jdk AS build
WORKDIR /src
COPY .mvn .mvn
COPY mvnw pom.xml ./
RUN ./mvnw --batch-mode --no-transfer-progress dependency:go-offline
COPY src src
COPY processes processes
COPY forms forms
RUN ./mvnw --batch-mode --no-transfer-progress -DskipTests package

# Run stage: JRE only, unprivileged user.
FROM eclipse-temurin:17-jre
# The PDFs' fallback fonts for emoji and CJK Extension B (app.pdf.fallback-fonts).
RUN apt-get update && apt-get install -y --no-install-recommends fonts-symbola fonts-hanazono && rm -rf /var/lib/apt/lists/*
RUN useradd --system --uid 10001 --home /app app
WORKDIR /app
COPY --from=build /src/target/zhaoshang-platform-*.jar /app/app.jar
USER app
ENV TZ=Asia/Shanghai
EXPOSE 8080
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-jar", "/app/app.jar"]
