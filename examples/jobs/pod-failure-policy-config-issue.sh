# Pod failure policy on a custom pod condition (seed 003): the image does not exist, so the pods sit
# in ImagePullBackOff. A user (in production, a controller) marks one with ConfigIssue=True and
# deletes it; the pod ends Failed and the FailJob rule fails the Job.
kubectl create -f - <<YAML
apiVersion: batch/v1
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
YAML
sim advance 30s
kubectl get pods -l job-name=job-pod-failure-policy-config-issue
kubectl get pods -l job-name=job-pod-failure-policy-config-issue -o jsonpath={.items[0].metadata.name}
kubectl patch pod job-pod-failure-policy-config-issue-hb98f --subresource=status --patch '{"status":{"conditions":[{"type":"ConfigIssue","status":"True","reason":"NonExistingImage","lastTransitionTime":"2025-01-01T00:00:30Z"}]}}'
kubectl delete pods/job-pod-failure-policy-config-issue-hb98f
sim advance 5s
kubectl get jobs -l job-name=job-pod-failure-policy-config-issue -o yaml
kubectl delete jobs/job-pod-failure-policy-config-issue
