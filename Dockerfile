# Builds casegrid from this repository and runs it on a JRE. Used by docker-compose.yml.
FROM eclipse-temurin:17-jdk AS build
WORKDIR /src
COPY .mvn .mvn
COPY mvnw pom.xml ./
COPY app/pom.xml app/pom.xml
RUN ./mvnw -B -q -pl app -am dependency:go-offline
COPY app app
COPY processes processes
COPY forms forms
RUN ./mvnw -B -q -pl app -am package -DskipTests && cp app/target/casegrid-app-*.jar /src/casegrid.jar

FROM eclipse-temurin:17-jre
RUN useradd --system --home-dir /app casegrid
WORKDIR /app
COPY --from=build /src/casegrid.jar /app/casegrid.jar
USER casegrid
ENV JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75 -Duser.timezone=Asia/Shanghai"
EXPOSE 8080
ENTRYPOINT ["java", "-jar", "/app/casegrid.jar"]
