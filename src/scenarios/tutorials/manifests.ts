/**
 * The seeds' manifests, as the lessons load them into the editor. Field for field as in the source
 * documents (`/work/shared/seeds/`); two kinds of edits only: the blog post in seed 000 lost its
 * indentation when it was published, so it is restored the way the upstream Job examples indent
 * it, and the explanatory comments of seed 001 are left out (the lessons explain instead).
 * Manifests that the seeds download from kubernetes.io (RabbitMQ, Redis) follow those files.
 */

// ---- seed 000: "k8s job机制初探" ----

/** §1: compute pi to 2000 places. */
export const PI_JOB = `apiVersion: batch/v1
kind: Job
metadata:
  name: pi
spec:
  template:
    spec:
      containers:
      - name: pi
        image: perl
        command: ["perl", "-Mbignum=bpi", "-wle", "print bpi(2000)"]
      restartPolicy: Never
  backoffLimit: 4
`;

/** §2 job-parallel.yaml: three completions, two at a time. */
export const PI_PARALLEL_JOB = `apiVersion: batch/v1
kind: Job
metadata:
  name: pi
spec:
  parallelism: 2
  completions: 3
  template:
    spec:
      containers:
      - name: pi
        image: perl
        command: ["perl", "-Mbignum=bpi", "-wle", "print bpi(2000)"]
      restartPolicy: Never
  backoffLimit: 4
`;

/** §3 job-timeout.yaml. */
export const PI_TIMEOUT_JOB = `apiVersion: batch/v1
kind: Job
metadata:
  name: pi-timeout
spec:
  parallelism: 2
  completions: 3
  backoffLimit: 5
  activeDeadlineSeconds: 100
  template:
    spec:
      containers:
      - name: pi
        image: perl
        command: ["perl", "-Mbignum=bpi", "-wle", "print bpi(2000)"]
      restartPolicy: Never
`;

/** §3 (ttl controller): pi-with-ttl. */
export const PI_TTL_JOB = `apiVersion: batch/v1
kind: Job
metadata:
  name: pi-with-ttl
spec:
  ttlSecondsAfterFinished: 100
  template:
    spec:
      containers:
      - name: pi
        image: perl
        command: ["perl", "-Mbignum=bpi", "-wle", "print bpi(2000)"]
      restartPolicy: Never
`;

// ---- seed 001: "Kubernetes 实战 —— 04. 副本机制和其他控制器" ----

export const KUBIA_LIVENESS_POD = `apiVersion: v1
kind: Pod
metadata:
  name: kubia-liveness
spec:
  containers:
    - image: idealism/kubia-unhealthy
      name: kubia
      ports:
        - containerPort: 8080
          protocol: TCP
      livenessProbe:
        httpGet:
          port: 8080
          path: /
`;

export const KUBIA_DEPLOYMENT = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: kubia
spec:
  replicas: 3
  selector:
    matchLabels:
      app: kubia
  template:
    metadata:
      labels:
        app: kubia
    spec:
      containers:
        - name: kubia
          image: idealism/kubia
          ports:
            - containerPort: 8080
              protocol: TCP
`;

export const SSD_MONITOR_DAEMONSET = `apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: ssd-monitor
spec:
  selector:
    matchLabels:
      app: ssd-monitor
  template:
    metadata:
      labels:
        app: ssd-monitor
    spec:
      nodeSelector:
        disk: ssd
      containers:
        - name: main
          image: idealism/ssd-monitor
`;

/** batch-job.yaml: one pod that works for 120 seconds. */
export const BATCH_JOB = `apiVersion: batch/v1
kind: Job
metadata:
  name: batch-job
spec:
  template:
    metadata:
      labels:
        app: batch-job
    spec:
      restartPolicy: OnFailure
      containers:
        - name: main
          image: idealism/batch-job
`;

/** batch-job.yaml with the restartPolicy the seed warns about: what a learner writes by mistake. */
export const BATCH_JOB_ALWAYS = BATCH_JOB.replace('restartPolicy: OnFailure', 'restartPolicy: Always');

/** batch-job.yaml with the other restartPolicy a Job accepts. */
export const BATCH_JOB_NEVER = BATCH_JOB.replace('restartPolicy: OnFailure', 'restartPolicy: Never');

/** multi-completion-parallel-batch-job.yaml: batch-job.yaml with completions 5 and parallelism 2. */
export const MULTI_COMPLETION_BATCH_JOB = `apiVersion: batch/v1
kind: Job
metadata:
  name: multi-completion-parallel-batch-job
spec:
  completions: 5
  parallelism: 2
  template:
    metadata:
      labels:
        app: batch-job
    spec:
      restartPolicy: OnFailure
      containers:
        - name: main
          image: idealism/batch-job
`;

/** cronjob.yaml (batch/v1beta1, as the book printed it; served no more since Kubernetes 1.25). */
export const BATCH_JOB_CRONJOB_V1BETA1 = `apiVersion: batch/v1beta1
kind: CronJob
metadata:
  name: batch-job-every-fifteen-minutes
spec:
  schedule: "0,15,30,45 * * * *"
  startingDeadlineSeconds: 15
  jobTemplate:
    spec:
      template:
        metadata:
          labels:
            app: periodic-batch-job
        spec:
          restartPolicy: OnFailure
          containers:
            - name: main
              image: idealism/batch-job
`;

// ---- seed 003: "运行 Jobs" (kubernetes.io tasks, Chinese edition) ----

export const HELLO_CRONJOB = `apiVersion: batch/v1
kind: CronJob
metadata:
  name: hello
spec:
  schedule: "* * * * *"
  jobTemplate:
    spec:
      template:
        spec:
          containers:
          - name: hello
            image: busybox:1.28
            imagePullPolicy: IfNotPresent
            command:
            - /bin/sh
            - -c
            - date; echo Hello from the Kubernetes cluster
          restartPolicy: OnFailure
`;

/** kubernetes.io/examples/application/job/rabbitmq/rabbitmq-service.yaml. */
export const RABBITMQ_SERVICE = `apiVersion: v1
kind: Service
metadata:
  labels:
    component: rabbitmq
  name: rabbitmq-service
spec:
  ports:
  - port: 5672
  selector:
    app.kubernetes.io/name: task-queue
    app.kubernetes.io/component: rabbitmq
`;

/**
 * The broker behind rabbitmq-service. The seed deploys it with kubernetes.io's rabbitmq StatefulSet;
 * kubesim does not simulate StatefulSets yet, so this is that StatefulSet's pod template as a Pod.
 */
export const RABBITMQ_POD = `apiVersion: v1
kind: Pod
metadata:
  name: rabbitmq-0
  labels:
    app.kubernetes.io/name: task-queue
    app.kubernetes.io/component: rabbitmq
spec:
  containers:
  - image: rabbitmq
    name: rabbitmq
    ports:
    - containerPort: 5672
    resources:
      requests:
        memory: 16M
      limits:
        cpu: 250m
        memory: 512M
    volumeMounts:
    - mountPath: /var/lib/rabbitmq
      name: rabbitmq-data
  volumes:
  - name: rabbitmq-data
    emptyDir: {}
`;

/** job.yaml of the coarse work-queue example (job-wq-1). */
export const JOB_WQ_1 = `apiVersion: batch/v1
kind: Job
metadata:
  name: job-wq-1
spec:
  completions: 8
  parallelism: 2
  template:
    metadata:
      name: job-wq-1
    spec:
      containers:
      - name: c
        image: gcr.io/<project>/job-wq-1
        env:
        - name: BROKER_URL
          value: amqp://guest:guest@rabbitmq-service:5672
        - name: QUEUE
          value: job1
      restartPolicy: OnFailure
`;

/** kubernetes.io/examples/application/job/redis/redis-pod.yaml. */
export const REDIS_POD = `apiVersion: v1
kind: Pod
metadata:
  name: redis-master
  labels:
    app: redis
spec:
  containers:
    - name: master
      image: redis
      env:
        - name: MASTER
          value: "true"
      ports:
        - containerPort: 6379
`;

/** kubernetes.io/examples/application/job/redis/redis-service.yaml. */
export const REDIS_SERVICE = `apiVersion: v1
kind: Service
metadata:
  name: redis
spec:
  ports:
    - port: 6379
      targetPort: 6379
  selector:
    app: redis
`;

/** job.yaml of the fine work-queue example (job-wq-2). */
export const JOB_WQ_2 = `apiVersion: batch/v1
kind: Job
metadata:
  name: job-wq-2
spec:
  parallelism: 2
  template:
    metadata:
      name: job-wq-2
    spec:
      containers:
      - name: c
        image: gcr.io/myproject/job-wq-2
      restartPolicy: OnFailure
`;

/** The pod-to-pod communication example: a headless Service and an Indexed Job that pings its peers. */
export const HEADLESS_SERVICE_AND_JOB = `apiVersion: v1
kind: Service
metadata:
  name: headless-svc
spec:
  clusterIP: None
  selector:
    job-name: example-job
---
apiVersion: batch/v1
kind: Job
metadata:
  name: example-job
spec:
  completions: 3
  parallelism: 3
  completionMode: Indexed
  template:
    spec:
      subdomain: headless-svc
      restartPolicy: Never
      containers:
      - name: example-workload
        image: bash:latest
        command:
        - bash
        - -c
        - |
          for i in 0 1 2
          do
            gotStatus="-1"
            wantStatus="0"
            while [ $gotStatus -ne $wantStatus ]
            do
              ping -c 1 example-job-\${i}.headless-svc > /dev/null 2>&1
              gotStatus=$?
              if [ $gotStatus -ne $wantStatus ]; then
                echo "Failed to ping pod example-job-\${i}.headless-svc, retrying in 1 second..."
                sleep 1
              fi
            done
            echo "Successfully pinged pod: example-job-\${i}.headless-svc"
          done
`;

/** indexed-job.yaml: five indexes, three at a time; an init container picks the word, rev reverses it. */
export const INDEXED_JOB = `apiVersion: batch/v1
kind: Job
metadata:
  name: 'indexed-job'
spec:
  completions: 5
  parallelism: 3
  completionMode: Indexed
  template:
    spec:
      restartPolicy: Never
      initContainers:
      - name: 'input'
        image: 'docker.io/library/bash'
        command:
        - "bash"
        - "-c"
        - |
          items=(foo bar baz qux xyz)
          echo \${items[$JOB_COMPLETION_INDEX]} > /input/data.txt
        volumeMounts:
        - mountPath: /input
          name: input
      containers:
      - name: 'worker'
        image: 'docker.io/library/busybox'
        command:
        - "rev"
        - "/input/data.txt"
        volumeMounts:
        - mountPath: /input
          name: input
      volumes:
      - name: input
        emptyDir: {}
`;

/** job-tmpl.yaml: not a manifest until $ITEM is replaced. */
export const JOB_TEMPLATE = `apiVersion: batch/v1
kind: Job
metadata:
  name: process-item-$ITEM
  labels:
    jobgroup: jobexample
spec:
  template:
    metadata:
      name: jobexample
      labels:
        jobgroup: jobexample
    spec:
      containers:
      - name: c
        image: busybox:1.28
        command: ["sh", "-c", "echo Processing item $ITEM && sleep 5"]
      restartPolicy: Never
`;

/** What the seed's `sed "s/\\$ITEM/$i/"` loop writes to ./jobs/job-$i.yaml (sed replaces the first $ITEM of each line). */
export function expandJobTemplate(item: string): string {
  return JOB_TEMPLATE.split('\n')
    .map((line) => line.replace('$ITEM', item))
    .join('\n');
}

export const POD_FAILURE_POLICY_FAILJOB = `apiVersion: batch/v1
kind: Job
metadata:
  name: job-pod-failure-policy-failjob
spec:
  completions: 8
  parallelism: 2
  template:
    spec:
      restartPolicy: Never
      containers:
      - name: main
        image: docker.io/library/bash:5
        command: ["bash"]
        args:
        - -c
        - echo "Hello world! I'm going to exit with 42 to simulate a software bug." && sleep 30 && exit 42
  backoffLimit: 6
  podFailurePolicy:
    rules:
    - action: FailJob
      onExitCodes:
        containerName: main
        operator: In
        values: [42]
`;

export const POD_FAILURE_POLICY_IGNORE = `apiVersion: batch/v1
kind: Job
metadata:
  name: job-pod-failure-policy-ignore
spec:
  completions: 4
  parallelism: 2
  template:
    spec:
      restartPolicy: Never
      containers:
      - name: main
        image: docker.io/library/bash
        command: ["bash"]
        args:
        - -c
        - echo "Hello world! I'm going to exit with 0 (success)." && sleep 90 && exit 0
  backoffLimit: 0
  podFailurePolicy:
    rules:
    - action: Ignore
      onPodConditions:
      - type: DisruptionTarget
`;

export const POD_FAILURE_POLICY_CONFIG_ISSUE = `apiVersion: batch/v1
kind: Job
metadata:
  name: job-pod-failure-policy-config-issue
spec:
  completions: 8
  parallelism: 2
  template:
    spec:
      restartPolicy: Never
      containers:
      - name: main
        image: "non-existing-repo/non-existing-image:example"
  backoffLimit: 6
  podFailurePolicy:
    rules:
    - action: FailJob
      onPodConditions:
      - type: ConfigIssue
`;

/**
 * patch.yaml of the ConfigIssue walkthrough. The seed fills lastTransitionTime with
 * `$(date -u ...)`; the editor has no shell, so it holds a time just after the cluster's start.
 */
export const CONFIG_ISSUE_PATCH = `status:
  conditions:
  - type: ConfigIssue
    status: "True"
    reason: "NonExistingImage"
    lastTransitionTime: "2025-01-01T00:01:00Z"
`;

// ---- seed 002: "K8S 任务" ----

/** The echo CronJob (batch/v1beta1, as the post printed it). */
export const ECHO_CRONJOB_V1BETA1 = `apiVersion: batch/v1beta1
kind: CronJob
metadata:
  name: echo
spec:
  schedule: "*/1 * * * *"
  jobTemplate:
    spec:
      template:
        spec:
          containers:
          - name: echo
            image: busybox
            command: ["sh", "-c", "echo this a job"]
          restartPolicy:  OnFailure
`;
