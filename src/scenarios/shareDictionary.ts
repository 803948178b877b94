/**
 * The preset dictionary of share-link codec version 1 (see `share.ts`). Deflate can refer back into
 * it as if it preceded the data, so text scenarios repeat — the seeds' manifests, kubectl and sim
 * commands, the scenario JSON's own field names — costs a few bytes per occurrence.
 *
 * FROZEN. Every link made with codec version 1 depends on these exact bytes: change nothing here
 * (`share.test.ts` pins the checksum). A better dictionary means a new codec version next to this one.
 * Ordered from least to most frequent, since nearer text is cheaper to refer to.
 */

/** The seeds' manifests as the lessons first shipped them (a snapshot, not an import: lessons may change). */
const MANIFESTS = [
  // RABBITMQ_POD
  `apiVersion: v1
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
`,
  // RABBITMQ_SERVICE
  `apiVersion: v1
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
`,
  // JOB_WQ_1
  `apiVersion: batch/v1
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
`,
  // REDIS_POD
  `apiVersion: v1
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
`,
  // REDIS_SERVICE
  `apiVersion: v1
kind: Service
metadata:
  name: redis
spec:
  ports:
    - port: 6379
      targetPort: 6379
  selector:
    app: redis
`,
  // JOB_WQ_2
  `apiVersion: batch/v1
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
`,
  // HEADLESS_SERVICE_AND_JOB
  `apiVersion: v1
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
`,
  // INDEXED_JOB
  `apiVersion: batch/v1
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
`,
  // POD_FAILURE_POLICY_CONFIG_ISSUE
  `apiVersion: batch/v1
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
`,
  // POD_FAILURE_POLICY_IGNORE
  `apiVersion: batch/v1
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
`,
  // POD_FAILURE_POLICY_FAILJOB
  `apiVersion: batch/v1
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
`,
  // CONFIG_ISSUE_PATCH
  `status:
  conditions:
  - type: ConfigIssue
    status: "True"
    reason: "NonExistingImage"
    lastTransitionTime: "2025-01-01T00:01:00Z"
`,
  // JOB_TEMPLATE
  `apiVersion: batch/v1
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
`,
  // ECHO_CRONJOB_V1BETA1
  `apiVersion: batch/v1beta1
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
`,
  // BATCH_JOB_CRONJOB_V1BETA1
  `apiVersion: batch/v1beta1
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
`,
  // HELLO_CRONJOB
  `apiVersion: batch/v1
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
`,
  // SSD_MONITOR_DAEMONSET
  `apiVersion: apps/v1
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
`,
  // KUBIA_LIVENESS_POD
  `apiVersion: v1
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
`,
  // KUBIA_DEPLOYMENT
  `apiVersion: apps/v1
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
`,
  // MULTI_COMPLETION_BATCH_JOB
  `apiVersion: batch/v1
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
`,
  // BATCH_JOB
  `apiVersion: batch/v1
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
`,
  // PI_TTL_JOB
  `apiVersion: batch/v1
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
`,
  // PI_TIMEOUT_JOB
  `apiVersion: batch/v1
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
`,
  // PI_PARALLEL_JOB
  `apiVersion: batch/v1
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
`,
  // PI_JOB
  `apiVersion: batch/v1
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
`,
];

/** Commands the terminal, the UI's actions and the lessons type. */
const COMMANDS = [
  'kubectl exec temp -- ',
  'kubectl run temp --image=',
  ' --command -- sleep infinity',
  'kubectl patch ',
  ' --subresource=status --patch-file=patch.yaml',
  'kubectl drain worker-1 --ignore-daemonsets --grace-period=0',
  'kubectl uncordon worker-',
  'kubectl cordon worker-',
  'kubectl scale deployment ',
  ' --replicas=',
  'kubectl label node worker-',
  'kubectl label pod ',
  ' --overwrite',
  'kubectl create job ',
  'kubectl delete job',
  'kubectl delete pod',
  'kubectl describe job ',
  'kubectl describe pod ',
  'kubectl get jobs -l job-name=',
  'kubectl get jobs',
  'kubectl get job -o wide',
  'kubectl logs job/',
  'kubectl logs ',
  'sim node add worker-',
  'sim node recover worker-',
  'sim node fail worker-',
  'sim pod exit -l job-name=',
  ' --code 1',
  'sim advance 1m',
  'kubectl get nodes',
  'kubectl get pods -o wide',
  'kubectl get pods',
  'kubectl create -f ',
  'kubectl apply -f ',
];

/** The scenario JSON's own structure, as `JSON.stringify` writes it. */
const JSON_TEXT = [
  '"nodes":[{"name":"control-plane","role":"control-plane","taints":[{"key":"node-role.kubernetes.io/control-plane","effect":"NoSchedule"}]},{"name":"worker-1","role":"worker"},{"name":"worker-2","role":"worker"}],',
  ',"files":[{"name":"',
  ',"stdin":"',
  '{"version":1,"title":"',
  '{"version":1,"lesson":{"id":"',
  '","done":',
  '},"seed":',
  ',"manifests":[{"name":"',
  '","text":"apiVersion: ',
  '\\nkind: ',
  '\\nmetadata:\\n  name: ',
  '\\n  labels:\\n    app: ',
  '\\nspec:\\n  ',
  '\\n  template:\\n    spec:\\n      containers:\\n      - name: ',
  '\\n        image: ',
  '\\n      restartPolicy: ',
  '"},{"name":"',
  '"}],"timeline":[{"atMs":0,"command":"kubectl apply -f ',
  '"}],"resumeAtMs":',
  '"},{"atMs":',
  ',"command":"kubectl ',
];

/** JSON-escaped, as the text appears inside the scenario JSON. */
const escaped = (text: string) => JSON.stringify(text).slice(1, -1);

export const DICTIONARY_V1_TEXT = [...MANIFESTS.map(escaped), ...COMMANDS.map(escaped), ...JSON_TEXT].join('\n');
