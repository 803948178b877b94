# Pod failure policy, FailJob (seed 003): exit code 42 means a software bug, so retrying is pointless.
# The first pod to exit with 42 fails the whole Job; without the policy it would retry 6 times.
kubectl create -f - <<YAML
apiVersion: batch/v1
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
YAML
sim advance 40s
kubectl get jobs -l job-name=job-pod-failure-policy-failjob -o yaml
kubectl get job job-pod-failure-policy-failjob
kubectl delete jobs/job-pod-failure-policy-failjob
